package io.parley.agent.dialect;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.parley.agent.llm.GenAiKeys;
import io.parley.agent.telemetry.SemanticKeys;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The {@code langfuse.*} keys of Langfuse's OpenTelemetry ingestion: session and user on every
 * span, and on LLM spans the observation type, model, usage and cost details, and with content
 * capture on the observation's input and output (the GenAI messages JSON).
 *
 * <p>Why the usage details: without them Langfuse turns every {@code gen_ai.usage.*} key into a
 * usage type of its own and sums them all when no total is given, so the cache reads (already
 * inside {@code gen_ai.usage.input_tokens}) and the reasoning tokens (inside the output) would be
 * counted twice. {@code langfuse.observation.usage_details} replaces that reading entirely; it
 * splits input into uncached, cache read and cache write, and output into visible and reasoning,
 * with the usage-type names Langfuse's price list uses, and states the total.
 */
final class LangfuseWriter implements DialectWriter {

  static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("langfuse.session.id");
  static final AttributeKey<String> USER_ID = AttributeKey.stringKey("langfuse.user.id");
  static final AttributeKey<String> OBSERVATION_TYPE =
      AttributeKey.stringKey("langfuse.observation.type");
  static final AttributeKey<String> MODEL_NAME =
      AttributeKey.stringKey("langfuse.observation.model.name");
  static final AttributeKey<String> USAGE_DETAILS =
      AttributeKey.stringKey("langfuse.observation.usage_details");
  static final AttributeKey<String> COST_DETAILS =
      AttributeKey.stringKey("langfuse.observation.cost_details");
  static final AttributeKey<String> OBSERVATION_INPUT =
      AttributeKey.stringKey("langfuse.observation.input");
  static final AttributeKey<String> OBSERVATION_OUTPUT =
      AttributeKey.stringKey("langfuse.observation.output");
  static final AttributeKey<String> COMPLETION_START_TIME =
      AttributeKey.stringKey("langfuse.observation.completion_start_time");

  @Override
  public void write(SpanData span, AttributesBuilder extra) {
    Attributes attributes = span.getAttributes();
    String session = attributes.get(SemanticKeys.SESSION_ID);
    if (session != null) {
      extra.put(SESSION_ID, session);
    }
    String user = attributes.get(SemanticKeys.USER_ID);
    if (user != null) {
      extra.put(USER_ID, user);
    }
    String operation = attributes.get(GenAiKeys.OPERATION_NAME);
    if (operation == null) {
      return;
    }
    extra.put(OBSERVATION_TYPE, LlmSpans.isEmbedding(operation) ? "embedding" : "generation");
    String model = LlmSpans.model(attributes);
    if (model != null) {
      extra.put(MODEL_NAME, model);
    }
    String usage = usageDetails(attributes);
    if (usage != null) {
      extra.put(USAGE_DETAILS, usage);
    }
    Double cost = attributes.get(GenAiKeys.USAGE_COST);
    if (cost != null && !cost.isNaN() && !cost.isInfinite()) {
      extra.put(COST_DETAILS, "{\"total\":" + BigDecimal.valueOf(cost).toPlainString() + "}");
    }
    Double firstChunkSeconds = attributes.get(GenAiKeys.RESPONSE_TIME_TO_FIRST_CHUNK);
    if (firstChunkSeconds != null && firstChunkSeconds >= 0) {
      long firstChunkNanos = span.getStartEpochNanos() + Math.round(firstChunkSeconds * 1e9);
      extra.put(COMPLETION_START_TIME, Instant.ofEpochMilli(firstChunkNanos / 1_000_000L).toString());
    }
    // present only with parley.capture.content=true: the GenAI messages JSON, as sent
    String input = attributes.get(GenAiKeys.INPUT_MESSAGES);
    if (input != null) {
      extra.put(OBSERVATION_INPUT, input);
    }
    String output = attributes.get(GenAiKeys.OUTPUT_MESSAGES);
    if (output != null) {
      extra.put(OBSERVATION_OUTPUT, output);
    }
  }

  /**
   * {@code {"input": uncached, "input_cached_tokens": cache reads, "input_cache_creation": cache
   * writes, "output": output without reasoning, "output_reasoning_tokens": reasoning, "total":
   * input + output}}, each present only when counted; null when nothing was.
   */
  static String usageDetails(Attributes attributes) {
    Long input = attributes.get(GenAiKeys.USAGE_INPUT_TOKENS);
    Long output = attributes.get(GenAiKeys.USAGE_OUTPUT_TOKENS);
    if (input == null && output == null) {
      return null;
    }
    Long cacheRead = attributes.get(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS);
    Long cacheWrite = attributes.get(GenAiKeys.USAGE_CACHE_CREATION_INPUT_TOKENS);
    Long reasoning = attributes.get(GenAiKeys.USAGE_REASONING_OUTPUT_TOKENS);
    JsonObject json = new JsonObject();
    if (input != null) {
      json.put(
          "input",
          Math.max(0L, input - LlmSpans.orZero(cacheRead) - LlmSpans.orZero(cacheWrite)));
      json.putIfPresent("input_cached_tokens", cacheRead);
      json.putIfPresent("input_cache_creation", cacheWrite);
    }
    if (output != null) {
      json.put("output", Math.max(0L, output - LlmSpans.orZero(reasoning)));
      json.putIfPresent("output_reasoning_tokens", reasoning);
    }
    json.put("total", LlmSpans.orZero(input) + LlmSpans.orZero(output));
    return json.toString();
  }

  /** A flat JSON object of integers; the keys are fixed ASCII names needing no escaping. */
  private static final class JsonObject {
    private final StringBuilder text = new StringBuilder("{");

    void put(String key, long value) {
      if (text.length() > 1) {
        text.append(',');
      }
      text.append('"').append(key).append("\":").append(value);
    }

    void putIfPresent(String key, Long value) {
      if (value != null) {
        put(key, value);
      }
    }

    @Override
    public String toString() {
      return text + "}";
    }
  }
}
