package io.parley.agent.llm;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** The OpenTelemetry GenAI attribute keys and Parley's turn keys, declared once. */
public final class GenAiKeys {

  public static final AttributeKey<String> PROVIDER_NAME =
      AttributeKey.stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> REQUEST_MODEL =
      AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  public static final AttributeKey<Long> USAGE_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  public static final AttributeKey<Long> USAGE_CACHE_CREATION_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
  public static final AttributeKey<Long> USAGE_REASONING_OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  public static final AttributeKey<Double> USAGE_COST = AttributeKey.doubleKey("gen_ai.usage.cost");
  public static final AttributeKey<Boolean> REQUEST_STREAM =
      AttributeKey.booleanKey("gen_ai.request.stream");
  public static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK =
      AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
  /** Prompt messages (JSON), only with {@code parley.capture.content=true}. */
  public static final AttributeKey<String> INPUT_MESSAGES =
      AttributeKey.stringKey("gen_ai.input.messages");
  /** Completion messages (JSON), only with {@code parley.capture.content=true}. */
  public static final AttributeKey<String> OUTPUT_MESSAGES =
      AttributeKey.stringKey("gen_ai.output.messages");
  /** A separate system prompt (JSON parts), only with {@code parley.capture.content=true}. */
  public static final AttributeKey<String> SYSTEM_INSTRUCTIONS =
      AttributeKey.stringKey("gen_ai.system_instructions");
  public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

  public static final AttributeKey<Long> TURN_NUMBER = AttributeKey.longKey("turn.number");
  public static final AttributeKey<Long> TURN_LLM_CALLS = AttributeKey.longKey("turn.llm_calls");
  public static final AttributeKey<Long> TURN_INPUT_TOKENS =
      AttributeKey.longKey("turn.input_tokens");
  public static final AttributeKey<Long> TURN_OUTPUT_TOKENS =
      AttributeKey.longKey("turn.output_tokens");
  public static final AttributeKey<Double> TURN_COST_USD = AttributeKey.doubleKey("turn.cost_usd");

  private GenAiKeys() {}
}
