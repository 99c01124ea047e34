package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.agent.log.ParleyLog;
import java.util.Collections;

/**
 * Reads the Anthropic Messages API ({@code POST /v1/messages}): the {@code message} JSON, or the
 * SSE stream ({@code message_start} with id, model and input usage; {@code message_delta} with
 * the stop reason and CUMULATIVE usage; {@code event: error} even on a 200). Anthropic's
 * {@code input_tokens} excludes cache reads and writes; the summary adds them back.
 */
public final class AnthropicMessagesReader extends JsonWireReader {

  private final Fields fields = new Fields();
  private final ErrorFields error = new ErrorFields();
  private String id;
  private String model;
  private String stopReason;
  private Long inputTokens;
  private Long outputTokens;
  private Long cacheReadTokens;
  private Long cacheCreationTokens;
  private String eventName;
  private boolean streamError;

  private final CapturedMessages output = new CapturedMessages();
  private boolean newBlock = true;

  public AnthropicMessagesReader(ParleyLog log) {
    this(log, false);
  }

  /** @param captureContent collect prompt and completion text ({@code parley.capture.content}) */
  public AnthropicMessagesReader(ParleyLog log, boolean captureContent) {
    super(
        "anthropic.messages",
        log,
        captureContent,
        new PromptFields("messages", "content", null, "system"));
  }

  @Override
  protected String outputMessagesJson(ResponseSummary summary) {
    return output.messagesJson("assistant", true, firstFinishReason(summary));
  }

  @Override
  protected JsonFieldScanner.Visitor bodyVisitor() {
    return fields;
  }

  @Override
  protected JsonFieldScanner.Visitor eventVisitor() {
    return fields;
  }

  @Override
  protected void beforeEvent(String name) {
    eventName = name;
    if ("content_block_start".equals(name)) {
      newBlock = true; // the next text delta starts a part of its own
    }
  }

  @Override
  protected void afterEvent(String name, boolean complete) {
    if ("error".equals(name) || error.present()) {
      streamError = true;
      markFirstChunk();
    } else if ("content_block_delta".equals(name)
        || "message_delta".equals(name)
        || "message_stop".equals(name)) {
      markFirstChunk();
    }
  }

  @Override
  protected ResponseSummary buildSummary() {
    Long input = null;
    if (inputTokens != null) {
      input = inputTokens + orZero(cacheReadTokens) + orZero(cacheCreationTokens);
    }
    String errorType = error.errorType();
    if (errorType == null && streamError) {
      errorType = "error";
    }
    return new ResponseSummary(
        model,
        id,
        stopReason == null
            ? Collections.<String>emptyList()
            : Collections.singletonList(stopReason),
        input,
        outputTokens,
        cacheReadTokens,
        cacheCreationTokens,
        null,
        errorType);
  }

  private static long orZero(Long value) {
    return value == null ? 0L : value;
  }

  /**
   * The message at the root (a body) or under {@code message} ({@code message_start}), the
   * root {@code usage} and {@code delta} of {@code message_delta}, and {@code error}.
   */
  private final class Fields implements JsonFieldScanner.Visitor {

    @Override
    public boolean enter(JsonPath path, boolean array) {
      if (capturing()) {
        if (path.is("content")) {
          return array && eventName == null; // a whole message body's content blocks
        }
        if (path.is("content", JsonPath.ELEMENT)) {
          return !array;
        }
        if (path.is("delta") && "content_block_delta".equals(eventName)) {
          return !array;
        }
      }
      if (array) {
        return false;
      }
      switch (path.depth()) {
        case 0:
          return true;
        case 1:
          return path.is("message")
              || path.is("usage")
              || (path.is("delta") && !"content_block_delta".equals(eventName))
              || error.enter(path, 0);
        case 2:
          return path.is("message", "usage");
        default:
          return false;
      }
    }

    @Override
    public void exit(JsonPath path, boolean array) {}

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) {
      if (capturing()) {
        if (path.is("content", JsonPath.ELEMENT, "text")) {
          output.text(JsonValues.content(token, parser));
          return;
        }
        if (path.is("delta", "text") && "content_block_delta".equals(eventName)) {
          String text = JsonValues.content(token, parser);
          if (newBlock && text != null) {
            newBlock = false;
            output.text(text);
          } else {
            output.append(text);
          }
          return;
        }
      }
      int base = path.startsWith("message") ? 1 : 0;
      if (path.hasAt(base, "id")) {
        id = firstOf(id, JsonValues.text(token, parser));
      } else if (path.hasAt(base, "model")) {
        model = firstOf(model, JsonValues.text(token, parser));
      } else if (path.hasAt(base, "stop_reason") || path.is("delta", "stop_reason")) {
        String reason = JsonValues.text(token, parser);
        stopReason = reason != null ? reason : stopReason;
      } else if (path.hasAt(base, "usage", "input_tokens")) {
        inputTokens = latest(inputTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "output_tokens")) {
        outputTokens = latest(outputTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "cache_read_input_tokens")) {
        cacheReadTokens =
            latest(cacheReadTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "cache_creation_input_tokens")) {
        cacheCreationTokens =
            latest(cacheCreationTokens, JsonValues.count(token, parser));
      } else if (base == 0) {
        error.value(path, 0, token, parser);
      }
    }
  }
}
