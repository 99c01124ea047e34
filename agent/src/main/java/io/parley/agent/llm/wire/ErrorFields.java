package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The error a provider's JSON reports, in the shapes OpenAI, Anthropic and compatible servers
 * use: an {@code error} object with {@code type} (preferred) or {@code code}, or vLLM's flat
 * {@code {"object":"error","type":...,"code":...}}.
 */
public final class ErrorFields {

  private String type;
  private String code;
  private boolean present;
  private boolean flatError;
  private String flatType;
  private String flatCode;

  /** Call from {@link JsonFieldScanner.Visitor#enter}: true for the error object under base. */
  public boolean enter(JsonPath path, int base) {
    if (path.hasAt(base, "error")) {
      present = true;
      return true;
    }
    return false;
  }

  /** Call from {@link JsonFieldScanner.Visitor#value}; true when the value was an error field. */
  public boolean value(JsonPath path, int base, JsonToken token, JsonParser parser) {
    if (path.hasAt(base, "error", "type")) {
      type = keep(type, JsonValues.text(token, parser));
      return true;
    }
    if (path.hasAt(base, "error", "code")) {
      code = keep(code, JsonValues.textOrNumber(token, parser));
      return true;
    }
    if (path.hasAt(base, "error")) {
      present |= token == JsonToken.VALUE_STRING; // {"error": "message"}
      return true;
    }
    if (path.hasAt(base, "object")) {
      flatError |= "error".equals(JsonValues.text(token, parser));
      return true;
    }
    if (path.hasAt(base, "type")) {
      flatType = JsonValues.text(token, parser);
      return false; // also an event's or message's own type
    }
    if (path.hasAt(base, "code")) {
      flatCode = JsonValues.textOrNumber(token, parser);
      return true;
    }
    return false;
  }

  /** Whether an error was reported, even without a type. */
  public boolean present() {
    return present || flatError;
  }

  /** {@code error.type}, else {@code error.code}, else the flat shape's type or code; or null. */
  public String errorType() {
    if (type != null) {
      return type;
    }
    if (code != null) {
      return code;
    }
    if (flatError) {
      return flatType != null ? flatType : flatCode;
    }
    return null;
  }

  /** The flat {@code code} field (as in the Responses API's {@code error} event), or null. */
  public String flatCode() {
    return flatCode;
  }

  private static String keep(String previous, String next) {
    return next != null ? next : previous;
  }
}
