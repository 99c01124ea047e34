package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Collects the prompt text of a request body, for {@code parley.capture.content=true} only: the
 * message list ({@code messages[]} or {@code contents[]}) with each message's role and text
 * (a string {@code content}, or the {@code text} of each element of {@code content[]} /
 * {@code parts[]}), a separate system field (a string, an array of {@code {text}}, or an object
 * with {@code parts[]}) and a single-string prompt field. Images, tool calls and tool definitions
 * are skipped. Gemini's role {@code model} is recorded as {@code assistant}.
 */
final class PromptFields implements JsonFieldScanner.Visitor {

  private final CapturedMessages input = new CapturedMessages();
  private final CapturedMessages system = new CapturedMessages();
  private final String messagesField;
  private final String contentField;
  private final String[] systemFields;
  private final String promptField;

  /**
   * @param messagesField the root array of messages ({@code messages}, {@code contents},
   *     {@code input})
   * @param contentField a message's content: a string or an array of parts with {@code text}
   * @param promptField a root string that is the whole prompt (a user message), or null
   * @param systemFields root fields holding system instructions
   */
  PromptFields(String messagesField, String contentField, String promptField,
      String... systemFields) {
    this.messagesField = messagesField;
    this.contentField = contentField;
    this.promptField = promptField;
    this.systemFields = systemFields;
  }

  /** {@code messages[]} of {@code {role, content}}, as OpenAI Chat Completions and Ollama. */
  static PromptFields openAiChat() {
    return new PromptFields("messages", "content", null);
  }

  /** {@code gen_ai.input.messages} JSON, or null when the body had none. */
  String inputMessagesJson() {
    return input.messagesJson("user", false, null);
  }

  /** {@code gen_ai.system_instructions} JSON, or null when the body had none. */
  String systemInstructionsJson() {
    return system.partsJson();
  }

  @Override
  public boolean enter(JsonPath path, boolean array) {
    int depth = path.depth();
    if (depth == 0) {
      return !array;
    }
    if (path.startsWith(messagesField)) {
      switch (depth) {
        case 1:
          return array;
        case 2:
          if (array) {
            return false;
          }
          input.next();
          return true;
        case 3:
          return array && path.nameAt(2, contentField);
        case 4:
          return !array && path.nameAt(2, contentField);
        default:
          return false;
      }
    }
    if (depth >= 1 && isSystemField(path.name(0))) {
      switch (depth) {
        case 1:
          return true; // an array of {text} or an object with parts
        case 2:
          return array ? path.nameAt(1, "parts") : JsonPath.ELEMENT.equals(path.name(1));
        case 3:
          return !array && path.nameAt(1, "parts");
        default:
          return false;
      }
    }
    return false;
  }

  @Override
  public void exit(JsonPath path, boolean array) {}

  @Override
  public void value(JsonPath path, JsonToken token, JsonParser parser) {
    int depth = path.depth();
    if (path.startsWith(messagesField)) {
      if (path.is(messagesField, JsonPath.ELEMENT, "role")) {
        input.role(role(JsonValues.text(token, parser)));
      } else if (path.is(messagesField, JsonPath.ELEMENT, contentField)) {
        input.text(JsonValues.content(token, parser));
      } else if (path.is(messagesField, JsonPath.ELEMENT, contentField, JsonPath.ELEMENT)) {
        input.text(JsonValues.content(token, parser)); // a list of plain strings
      } else if (depth == 5 && path.nameAt(2, contentField) && "text".equals(path.last())) {
        input.text(JsonValues.content(token, parser));
      } else if (depth == 1) {
        // the whole input as one string (OpenAI Responses {@code input})
        userMessage(JsonValues.content(token, parser));
      }
      return;
    }
    if (depth == 1 && promptField != null && path.is(promptField)) {
      userMessage(JsonValues.content(token, parser));
      return;
    }
    if (depth >= 1 && isSystemField(path.name(0))) {
      if (depth == 1 || "text".equals(path.last())) {
        system.text(JsonValues.content(token, parser));
      }
    }
  }

  private boolean isSystemField(String name) {
    for (String field : systemFields) {
      if (field.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String role(String role) {
    return "model".equals(role) ? "assistant" : role;
  }

  /** A prompt given as one string: a message of its own, from the user. */
  private void userMessage(String text) {
    if (text != null) {
      input.next();
      input.role("user");
      input.text(text);
    }
  }
}
