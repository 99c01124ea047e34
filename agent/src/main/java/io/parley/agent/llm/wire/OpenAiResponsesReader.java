package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.agent.log.ParleyLog;
import java.util.Collections;
import java.util.List;

/**
 * Reads the OpenAI Responses API ({@code POST /v1/responses}): the {@code response} JSON object,
 * or the SSE stream whose lifecycle events ({@code response.created} ... the terminal
 * {@code response.completed}, {@code .incomplete} or {@code .failed}) carry the response object,
 * usage included, under {@code response}. {@code usage.input_tokens} includes cached tokens.
 */
public final class OpenAiResponsesReader extends JsonWireReader {

  private final Fields fields = new Fields();
  private final ErrorFields error = new ErrorFields();
  private String id;
  private String model;
  private String status;
  private String incompleteReason;
  private Long inputTokens;
  private Long outputTokens;
  private Long cachedTokens;
  private Long reasoningTokens;
  private String eventType;
  private boolean errorEvent;

  private final CapturedMessages output = new CapturedMessages();
  private Long outputIndex;

  public OpenAiResponsesReader(ParleyLog log) {
    this(log, false);
  }

  /** @param captureContent collect prompt and completion text ({@code parley.capture.content}) */
  public OpenAiResponsesReader(ParleyLog log, boolean captureContent) {
    super(
        "openai.responses",
        log,
        captureContent,
        new PromptFields("input", "content", null, "instructions"));
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
  protected void beforeEvent(String eventName) {
    eventType = eventName;
    outputIndex = null;
  }

  @Override
  protected void afterEvent(String eventName, boolean complete) {
    String type = eventType;
    if (type == null) {
      return;
    }
    if ("error".equals(type)) {
      errorEvent = true;
      markFirstChunk();
    } else if (type.endsWith(".delta")
        || "response.completed".equals(type)
        || "response.incomplete".equals(type)
        || "response.failed".equals(type)) {
      markFirstChunk();
    }
  }

  @Override
  protected ResponseSummary buildSummary() {
    String errorType = error.errorType();
    if (errorType == null && errorEvent) {
      errorType = error.flatCode() != null ? error.flatCode() : "error";
    }
    return new ResponseSummary(
        model,
        id,
        finishReasons(),
        inputTokens,
        outputTokens,
        cachedTokens,
        null,
        reasoningTokens,
        errorType);
  }

  private List<String> finishReasons() {
    if ("completed".equals(status)) {
      return Collections.singletonList("stop");
    }
    if ("incomplete".equals(status)) {
      return Collections.singletonList(incompleteReason != null ? incompleteReason : "incomplete");
    }
    if ("failed".equals(status)) {
      return Collections.singletonList("error");
    }
    if ("cancelled".equals(status)) {
      return Collections.singletonList("cancelled");
    }
    return Collections.emptyList();
  }

  /**
   * Completion text: a body's {@code output[]} message items, or a stream's
   * {@code response.output_text.delta} events (by {@code output_index}); true when consumed.
   */
  private boolean captured(JsonPath path, JsonToken token, JsonParser parser) {
    if (streamed()) {
      if (path.is("output_index")) {
        outputIndex = JsonValues.longValue(token, parser);
        return false;
      }
      if (path.is("delta") && "response.output_text.delta".equals(eventType)) {
        output.select(outputIndex != null ? outputIndex : 0L);
        output.role("assistant");
        output.append(JsonValues.content(token, parser));
        return true;
      }
      return false;
    }
    if (path.is("output", JsonPath.ELEMENT, "role")) {
      output.role(JsonValues.text(token, parser));
      return true;
    }
    if (path.is("output", JsonPath.ELEMENT, "content", JsonPath.ELEMENT, "text")) {
      output.text(JsonValues.content(token, parser));
      return true;
    }
    return path.startsWith("output");
  }

  /**
   * The response object at the root (a body) or under {@code response} (an event), plus the
   * {@code error} event's own fields; output items, tools and instructions are skipped.
   */
  private final class Fields implements JsonFieldScanner.Visitor {

    @Override
    public boolean enter(JsonPath path, boolean array) {
      if (capturing() && !streamed()) {
        // a whole response body: the text of its message items (a stream's come as deltas)
        if (path.is("output")) {
          return array;
        }
        if (path.is("output", JsonPath.ELEMENT)) {
          if (!array) {
            output.next();
          }
          return !array;
        }
        if (path.is("output", JsonPath.ELEMENT, "content")) {
          return array;
        }
        if (path.is("output", JsonPath.ELEMENT, "content", JsonPath.ELEMENT)) {
          return !array;
        }
      }
      if (array) {
        return false;
      }
      if (path.depth() == 0) {
        return true;
      }
      if (path.is("response")) {
        return true;
      }
      int base = path.startsWith("response") ? 1 : 0;
      return path.hasAt(base, "usage")
          || path.hasAt(base, "usage", "input_tokens_details")
          || path.hasAt(base, "usage", "output_tokens_details")
          || path.hasAt(base, "incomplete_details")
          || error.enter(path, base);
    }

    @Override
    public void exit(JsonPath path, boolean array) {}

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) {
      if (capturing() && captured(path, token, parser)) {
        return;
      }
      if (path.is("type")) {
        if (eventType == null) {
          eventType = JsonValues.text(token, parser);
        }
        error.value(path, 0, token, parser);
        return;
      }
      int base = path.startsWith("response") ? 1 : 0;
      if (path.hasAt(base, "id")) {
        id = firstOf(id, JsonValues.text(token, parser));
      } else if (path.hasAt(base, "model")) {
        model = firstOf(model, JsonValues.text(token, parser));
      } else if (path.hasAt(base, "status")) {
        String next = JsonValues.text(token, parser);
        status = next != null ? next : status;
      } else if (path.hasAt(base, "incomplete_details", "reason")) {
        incompleteReason = JsonValues.text(token, parser);
      } else if (path.hasAt(base, "usage", "input_tokens")) {
        inputTokens = latest(inputTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "output_tokens")) {
        outputTokens = latest(outputTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "input_tokens_details", "cached_tokens")) {
        cachedTokens = latest(cachedTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "output_tokens_details", "reasoning_tokens")) {
        reasoningTokens =
            latest(reasoningTokens, JsonValues.count(token, parser));
      } else {
        error.value(path, base, token, parser);
      }
    }
  }
}
