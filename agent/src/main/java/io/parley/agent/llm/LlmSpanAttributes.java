package io.parley.agent.llm;

import io.opentelemetry.api.trace.Span;
import io.parley.agent.llm.wire.RequestSummary;
import io.parley.agent.llm.wire.ResponseSummary;

/** Writes what was read of an LLM exchange onto its span, GenAI conventions' keys. */
final class LlmSpanAttributes {

  private LlmSpanAttributes() {}

  /** Writes the attributes; {@code cost} is null when the model has no known price. */
  static void write(Span span, RequestSummary request, ResponseSummary response, Double cost) {
    String requestModel = request == null ? null : request.model();
    if (requestModel != null) {
      span.setAttribute(GenAiKeys.REQUEST_MODEL, requestModel);
    }
    if (request != null) {
      span.setAttribute(GenAiKeys.REQUEST_STREAM, request.stream());
    }
    setIfPresent(span, GenAiKeys.RESPONSE_MODEL, response.responseModel());
    setIfPresent(span, GenAiKeys.RESPONSE_ID, response.responseId());
    if (!response.finishReasons().isEmpty()) {
      span.setAttribute(GenAiKeys.RESPONSE_FINISH_REASONS, response.finishReasons());
    }
    setIfPresent(span, GenAiKeys.USAGE_INPUT_TOKENS, response.inputTokens());
    setIfPresent(span, GenAiKeys.USAGE_OUTPUT_TOKENS, response.outputTokens());
    setIfPresent(span, GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS, response.cacheReadInputTokens());
    setIfPresent(
        span, GenAiKeys.USAGE_CACHE_CREATION_INPUT_TOKENS, response.cacheCreationInputTokens());
    setIfPresent(
        span, GenAiKeys.USAGE_REASONING_OUTPUT_TOKENS, response.reasoningOutputTokens());
    if (cost != null) {
      span.setAttribute(GenAiKeys.USAGE_COST, cost);
    }
    // content: present only when the readers were told to collect it (parley.capture.content)
    if (request != null) {
      setIfPresent(span, GenAiKeys.SYSTEM_INSTRUCTIONS, request.systemInstructions());
      setIfPresent(span, GenAiKeys.INPUT_MESSAGES, request.inputMessages());
    }
    setIfPresent(span, GenAiKeys.OUTPUT_MESSAGES, response.outputMessages());
  }

  private static <T> void setIfPresent(
      Span span, io.opentelemetry.api.common.AttributeKey<T> key, T value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }
}
