package io.parley.smoke.llm;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.parley.smoke.otlp.ReceivedSpan;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Reading LLM spans and turn attributes out of what the receiver decoded. */
final class LlmSpans {

  static final String OPERATION = "gen_ai.operation.name";
  static final String PROVIDER = "gen_ai.provider.name";
  static final String REQUEST_MODEL = "gen_ai.request.model";
  static final String RESPONSE_MODEL = "gen_ai.response.model";
  static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
  static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  static final String COST = "gen_ai.usage.cost";
  static final String STREAM = "gen_ai.request.stream";
  static final String TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";
  static final String ERROR_TYPE = "error.type";
  static final String SERVER_ADDRESS = "server.address";
  static final String SERVER_PORT = "server.port";
  static final String SESSION_ID = "session.id";
  static final String TURN_NUMBER = "turn.number";
  static final String TURN_LLM_CALLS = "turn.llm_calls";
  static final String TURN_INPUT_TOKENS = "turn.input_tokens";
  static final String TURN_OUTPUT_TOKENS = "turn.output_tokens";
  static final String TURN_COST = "turn.cost_usd";

  private LlmSpans() {}

  /** A CLIENT span of an LLM call. */
  static boolean isLlm(ReceivedSpan span) {
    return span.kind() == io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT
        && span.string(OPERATION) != null;
  }

  static Predicate<ReceivedSpan> llmSpansOfTrace(String traceId) {
    return span -> isLlm(span) && traceId.equals(span.traceId());
  }

  static Predicate<ReceivedSpan> serverSpanOfSession(String sessionId) {
    return span -> span.isServer() && sessionId.equals(span.string(SESSION_ID));
  }

  static Double doubleValue(ReceivedSpan span, String key) {
    return span.attribute(key).filter(AnyValue::hasDoubleValue).map(AnyValue::getDoubleValue).orElse(null);
  }

  static Boolean boolValue(ReceivedSpan span, String key) {
    return span.attribute(key).filter(AnyValue::hasBoolValue).map(AnyValue::getBoolValue).orElse(null);
  }

  /** Keys of the span's attributes starting with {@code prefix}. */
  static List<String> keysStartingWith(ReceivedSpan span, String prefix) {
    return span.proto().getAttributesList().stream()
        .map(kv -> kv.getKey())
        .filter(key -> key.startsWith(prefix))
        .collect(Collectors.toList());
  }
}
