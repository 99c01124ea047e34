package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** Reads one scalar reported by a {@link JsonFieldScanner}, leniently: wrong types give null. */
public final class JsonValues {

  /** Longest string kept for an id, model or reason; longer values are cut. */
  public static final int MAX_TEXT = 256;

  private JsonValues() {}

  /** The string value (cut to {@link #MAX_TEXT} chars), or null for any other token. */
  public static String text(JsonToken token, JsonParser parser) {
    if (token != JsonToken.VALUE_STRING) {
      return null;
    }
    try {
      String text = parser.getText();
      return text != null && text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * The whole string value, for captured content (its length is bounded by the scanner's string
   * bound, see {@link CapturedMessages#SCANNER_STRING_BYTES}); null for any other token.
   */
  public static String content(JsonToken token, JsonParser parser) {
    if (token != JsonToken.VALUE_STRING) {
      return null;
    }
    try {
      return parser.getText();
    } catch (Exception e) {
      return null;
    }
  }

  /** A string, or a number's text (some servers send numeric error codes); else null. */
  public static String textOrNumber(JsonToken token, JsonParser parser) {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      Long value = longValue(token, parser);
      return value == null ? null : value.toString();
    }
    return text(token, parser);
  }

  /** An integer in long range, or an integral float such as {@code 12.0}; else null. */
  public static Long longValue(JsonToken token, JsonParser parser) {
    try {
      if (token == JsonToken.VALUE_NUMBER_INT) {
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
          return parser.getLongValue();
        }
        return null;
      }
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        double value = parser.getDoubleValue();
        if (value == Math.rint(value) && Math.abs(value) < 9.0e15) {
          return (long) value;
        }
      }
    } catch (Exception e) {
      return null;
    }
    return null;
  }

  /**
   * Largest token count taken as one: far above any real usage, and low enough that a sum of a
   * few counts cannot overflow a long.
   */
  public static final long MAX_COUNT = 1_000_000_000_000_000L;

  /**
   * A token count: an integer from 0 to {@link #MAX_COUNT} (or an integral float in that range),
   * else null. A negative or absurd count from a broken or hostile server is not recorded rather
   * than turned into negative tokens and costs.
   */
  public static Long count(JsonToken token, JsonParser parser) {
    Long value = longValue(token, parser);
    return value == null || value < 0 || value > MAX_COUNT ? null : value;
  }

  /** True or false for a JSON boolean, else null. */
  public static Boolean bool(JsonToken token) {
    if (token == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (token == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    return null;
  }
}
