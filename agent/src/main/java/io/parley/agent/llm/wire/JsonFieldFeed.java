package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.parley.agent.log.ParleyLog;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Feeds a JSON text, chunk by chunk as it passes, through Jackson's non-blocking parser and tells
 * a {@link Listener} about each scalar and each object boundary with its {@link JsonFieldPath}.
 * Nothing is accumulated: memory stays at one clipped token (see {@link JsonStringClipper}) and
 * the nesting. Malformed input stops the feed (one rate-limited log line); it never throws.
 */
final class JsonFieldFeed {

  /** What a reader does with the tokens it cares about; any exception it throws stops the feed. */
  interface Listener {
    /** A string, number, boolean or null value; the path ends with its field name. */
    void scalar(JsonFieldPath path, JsonParser parser) throws IOException;

    /** An object begins; the path is where it stands in its parent. */
    void objectStart(JsonFieldPath path);

    /** An object ended; the path is where it stood in its parent. */
    void objectEnd(JsonFieldPath path);
  }

  /** Longest string kept whole: the values readers want are short. */
  static final int MAX_STRING_BYTES = 1024;

  private static final int SLICE = 8192;
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

  private final Listener listener;
  private final JsonFieldPath path;
  private final ParleyLog log;
  private final String logKey;
  private final String description;
  private final JsonStringClipper clipper = new JsonStringClipper(MAX_STRING_BYTES);
  private byte[] scratch;
  private JsonParser parser;
  private boolean failed;
  private boolean ended;

  /**
   * @param description what is parsed, for the log line ("a Gemini response body"); never the
   *     content itself
   */
  JsonFieldFeed(
      Listener listener, boolean rootArrayTransparent, ParleyLog log, String description) {
    this.listener = listener;
    this.path = new JsonFieldPath(rootArrayTransparent);
    this.log = log;
    this.logKey = "wire.malformed." + description;
    this.description = description;
  }

  /** Parses the next chunk; false once the text has proven malformed (later chunks are ignored). */
  boolean feed(byte[] bytes, int offset, int length) {
    if (failed || ended || !isChunk(bytes, offset, length)) {
      return !failed;
    }
    try {
      if (parser == null) {
        parser = FACTORY.createNonBlockingByteArrayParser();
      }
      if (scratch == null || (scratch.length < SLICE && scratch.length < length)) {
        scratch = new byte[Math.min(SLICE, Math.max(length, 256))]; // grows with the chunks
      }
      ByteArrayFeeder feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
      int end = offset + length;
      for (int at = offset; at < end; ) {
        int slice = Math.min(scratch.length, end - at);
        int kept = clipper.clip(bytes, at, slice, scratch);
        at += slice;
        if (kept > 0) {
          feeder.feedInput(scratch, 0, kept);
          drain();
        }
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
    return !failed;
  }

  /** The text is complete: a truncated document is reported as malformed, like any other. */
  void end() {
    if (failed || ended) {
      return;
    }
    ended = true;
    if (parser == null) {
      return;
    }
    try {
      ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).endOfInput();
      drain();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
    close();
  }

  /** Forgets the text so far and starts on a new one (the next NDJSON line). */
  void restart() {
    close();
    parser = null;
    failed = false;
    ended = false;
    clipper.reset();
  }

  boolean failed() {
    return failed;
  }

  private void drain() throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
      switch (token) {
        case START_OBJECT:
          listener.objectStart(path.at(parser.getParsingContext().getParent()));
          break;
        case END_OBJECT:
          listener.objectEnd(path.at(parser.getParsingContext()));
          break;
        case START_ARRAY:
        case END_ARRAY:
        case FIELD_NAME:
          break;
        default:
          listener.scalar(path.at(parser.getParsingContext()), parser);
          break;
      }
    }
  }

  private void fail(Exception e) {
    failed = true;
    close();
    // the exception's message quotes the input, which may be a prompt: only its kind is logged
    log.warnRateLimited(logKey, 1, TimeUnit.MINUTES,
        "could not read " + description + " (" + e.getClass().getSimpleName()
            + "); its remaining fields are ignored");
  }

  private void close() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException | RuntimeException ignored) {
        // nothing to release that matters
      }
    }
  }

  /** Whether the arguments name a non-empty range of the array; bad ones are ignored, not thrown. */
  static boolean isChunk(byte[] bytes, int offset, int length) {
    return bytes != null && length > 0 && offset >= 0 && offset <= bytes.length - length;
  }

  /** A token count: a non-negative integer (or integral number or digits text), else null. */
  static Long count(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return null;
      }
      long value = parser.getLongValue();
      return value < 0 ? null : value;
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      double value = parser.getDoubleValue();
      return value >= 0 && value <= Long.MAX_VALUE && value == Math.rint(value)
          ? (long) value : null;
    }
    if (token == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      if (text.isEmpty() || text.length() > 18) {
        return null;
      }
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (ch < '0' || ch > '9') {
          return null;
        }
      }
      return Long.parseLong(text);
    }
    return null;
  }

  /** A string value, or null for any other token. */
  static String text(JsonParser parser) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
  }
}
