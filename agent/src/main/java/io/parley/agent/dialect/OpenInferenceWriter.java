package io.parley.agent.dialect;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.parley.agent.llm.GenAiKeys;

/**
 * The OpenInference keys that Arize Phoenix and Arize AX read: the span kind ({@code LLM} or
 * {@code EMBEDDING} for an LLM call, {@code CHAIN} for the server span), model, provider, token
 * counts and cost, and with content capture on {@code input.value} / {@code output.value} (the
 * GenAI messages JSON). {@code session.id} and {@code user.id} are OpenInference keys already.
 */
final class OpenInferenceWriter implements DialectWriter {

  static final AttributeKey<String> SPAN_KIND = AttributeKey.stringKey("openinference.span.kind");
  static final AttributeKey<String> LLM_MODEL_NAME = AttributeKey.stringKey("llm.model_name");
  static final AttributeKey<String> EMBEDDING_MODEL_NAME =
      AttributeKey.stringKey("embedding.model_name");
  static final AttributeKey<String> LLM_PROVIDER = AttributeKey.stringKey("llm.provider");
  static final AttributeKey<Long> TOKEN_COUNT_PROMPT =
      AttributeKey.longKey("llm.token_count.prompt");
  static final AttributeKey<Long> TOKEN_COUNT_COMPLETION =
      AttributeKey.longKey("llm.token_count.completion");
  static final AttributeKey<Long> TOKEN_COUNT_TOTAL = AttributeKey.longKey("llm.token_count.total");
  static final AttributeKey<Long> TOKEN_COUNT_CACHE_READ =
      AttributeKey.longKey("llm.token_count.prompt_details.cache_read");
  static final AttributeKey<Long> TOKEN_COUNT_CACHE_WRITE =
      AttributeKey.longKey("llm.token_count.prompt_details.cache_write");
  static final AttributeKey<Long> TOKEN_COUNT_REASONING =
      AttributeKey.longKey("llm.token_count.completion_details.reasoning");
  static final AttributeKey<Double> COST_TOTAL = AttributeKey.doubleKey("llm.cost.total");
  static final AttributeKey<String> INPUT_VALUE = AttributeKey.stringKey("input.value");
  static final AttributeKey<String> INPUT_MIME_TYPE = AttributeKey.stringKey("input.mime_type");
  static final AttributeKey<String> OUTPUT_VALUE = AttributeKey.stringKey("output.value");
  static final AttributeKey<String> OUTPUT_MIME_TYPE = AttributeKey.stringKey("output.mime_type");
  static final String JSON = "application/json";

  @Override
  public void write(SpanData span, AttributesBuilder extra) {
    Attributes attributes = span.getAttributes();
    String operation = attributes.get(GenAiKeys.OPERATION_NAME);
    if (operation == null) {
      if (span.getKind() == SpanKind.SERVER) {
        extra.put(SPAN_KIND, "CHAIN");
      }
      return;
    }
    boolean embedding = LlmSpans.isEmbedding(operation);
    extra.put(SPAN_KIND, embedding ? "EMBEDDING" : "LLM");
    String model = LlmSpans.model(attributes);
    if (model != null) {
      extra.put(embedding ? EMBEDDING_MODEL_NAME : LLM_MODEL_NAME, model);
    }
    String provider = provider(attributes.get(GenAiKeys.PROVIDER_NAME));
    if (provider != null) {
      extra.put(LLM_PROVIDER, provider);
    }
    Long input = attributes.get(GenAiKeys.USAGE_INPUT_TOKENS);
    Long output = attributes.get(GenAiKeys.USAGE_OUTPUT_TOKENS);
    putIfPresent(extra, TOKEN_COUNT_PROMPT, input); // includes cached input, as in OpenInference
    putIfPresent(extra, TOKEN_COUNT_COMPLETION, output);
    if (input != null || output != null) {
      extra.put(TOKEN_COUNT_TOTAL, LlmSpans.orZero(input) + LlmSpans.orZero(output));
    }
    putIfPresent(
        extra, TOKEN_COUNT_CACHE_READ, attributes.get(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS));
    putIfPresent(
        extra,
        TOKEN_COUNT_CACHE_WRITE,
        attributes.get(GenAiKeys.USAGE_CACHE_CREATION_INPUT_TOKENS));
    putIfPresent(
        extra, TOKEN_COUNT_REASONING, attributes.get(GenAiKeys.USAGE_REASONING_OUTPUT_TOKENS));
    putIfPresent(extra, COST_TOTAL, attributes.get(GenAiKeys.USAGE_COST));
    // present only with parley.capture.content=true: the GenAI messages JSON, as sent
    String inputMessages = attributes.get(GenAiKeys.INPUT_MESSAGES);
    if (inputMessages != null) {
      extra.put(INPUT_VALUE, inputMessages);
      extra.put(INPUT_MIME_TYPE, JSON);
    }
    String outputMessages = attributes.get(GenAiKeys.OUTPUT_MESSAGES);
    if (outputMessages != null) {
      extra.put(OUTPUT_VALUE, outputMessages);
      extra.put(OUTPUT_MIME_TYPE, JSON);
    }
  }

  /** OpenInference's {@code llm.provider} value for a {@code gen_ai.provider.name}. */
  static String provider(String genAiProvider) {
    if (genAiProvider == null) {
      return null;
    }
    if (genAiProvider.startsWith("gcp.")) {
      return "google";
    }
    if (genAiProvider.startsWith("aws.")) {
      return "aws";
    }
    if (genAiProvider.startsWith("azure.")) {
      return "azure";
    }
    if ("mistral_ai".equals(genAiProvider)) {
      return "mistralai";
    }
    if ("x_ai".equals(genAiProvider)) {
      return "xai";
    }
    return genAiProvider; // openai, anthropic, deepseek, groq, perplexity, cohere, ollama, ...
  }

  private static <T> void putIfPresent(AttributesBuilder extra, AttributeKey<T> key, T value) {
    if (value != null) {
      extra.put(key, value);
    }
  }
}
