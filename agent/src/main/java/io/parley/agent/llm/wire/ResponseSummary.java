package io.parley.agent.llm.wire;

import java.util.Collections;
import java.util.List;

/**
 * What Parley read out of an LLM response, normalised across providers:
 * {@link #inputTokens()} always includes cached input, whatever the provider's own convention.
 * Any field may be null when the response did not carry it (e.g. a stream cut short).
 */
public final class ResponseSummary {

  private final String responseModel;
  private final String responseId;
  private final List<String> finishReasons;
  private final Long inputTokens;
  private final Long outputTokens;
  private final Long cacheReadInputTokens;
  private final Long cacheCreationInputTokens;
  private final Long reasoningOutputTokens;
  private final String errorType;
  private final String outputMessages;

  public ResponseSummary(
      String responseModel,
      String responseId,
      List<String> finishReasons,
      Long inputTokens,
      Long outputTokens,
      Long cacheReadInputTokens,
      Long cacheCreationInputTokens,
      Long reasoningOutputTokens,
      String errorType) {
    this(responseModel, responseId, finishReasons, inputTokens, outputTokens,
        cacheReadInputTokens, cacheCreationInputTokens, reasoningOutputTokens, errorType, null);
  }

  /** @param outputMessages {@code gen_ai.output.messages} JSON, or null (content not captured) */
  public ResponseSummary(
      String responseModel,
      String responseId,
      List<String> finishReasons,
      Long inputTokens,
      Long outputTokens,
      Long cacheReadInputTokens,
      Long cacheCreationInputTokens,
      Long reasoningOutputTokens,
      String errorType,
      String outputMessages) {
    this.responseModel = responseModel;
    this.responseId = responseId;
    this.finishReasons =
        finishReasons == null
            ? Collections.<String>emptyList()
            : Collections.unmodifiableList(finishReasons);
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.cacheReadInputTokens = cacheReadInputTokens;
    this.cacheCreationInputTokens = cacheCreationInputTokens;
    this.reasoningOutputTokens = reasoningOutputTokens;
    this.errorType = errorType;
    this.outputMessages = outputMessages;
  }

  public String responseModel() {
    return responseModel;
  }

  public String responseId() {
    return responseId;
  }

  public List<String> finishReasons() {
    return finishReasons;
  }

  /** Input tokens including cached input (cache reads and cache writes). */
  public Long inputTokens() {
    return inputTokens;
  }

  public Long outputTokens() {
    return outputTokens;
  }

  public Long cacheReadInputTokens() {
    return cacheReadInputTokens;
  }

  public Long cacheCreationInputTokens() {
    return cacheCreationInputTokens;
  }

  public Long reasoningOutputTokens() {
    return reasoningOutputTokens;
  }

  /**
   * An error the body itself reported (e.g. an SSE {@code event: error} on a 200 stream, or the
   * {@code error.type} of an error body), or null.
   */
  public String errorType() {
    return errorType;
  }

  /**
   * The completion as {@code gen_ai.output.messages} JSON; null unless
   * {@code parley.capture.content=true} and the response had text.
   */
  public String outputMessages() {
    return outputMessages;
  }

  /** A copy of this summary with {@link #outputMessages()} set to {@code json}. */
  public ResponseSummary withOutputMessages(String json) {
    if (json == null && outputMessages == null) {
      return this;
    }
    return new ResponseSummary(responseModel, responseId, finishReasons, inputTokens, outputTokens,
        cacheReadInputTokens, cacheCreationInputTokens, reasoningOutputTokens, errorType, json);
  }

  @Override
  public String toString() {
    return "ResponseSummary{model=" + responseModel + ", id=" + responseId
        + ", finish=" + finishReasons + ", in=" + inputTokens + ", out=" + outputTokens
        + ", cacheRead=" + cacheReadInputTokens + ", cacheWrite=" + cacheCreationInputTokens
        + ", reasoning=" + reasoningOutputTokens + ", error=" + errorType + "}";
  }
}
