package io.parley.smoke.llm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.parley.smoke.otlp.ReceivedSpan;

/** What every LLM span of the smoke tests must carry (SPEC §5). */
final class LlmSpanAssertions {

  private static final BuiltInPrices PRICES = BuiltInPrices.fromAgentJar();

  private LlmSpanAssertions() {}

  /** The span the agent exports for one successful LLM call made while handling {@code server}. */
  record Expected(
      String operation,
      String provider,
      String requestModel,
      String responseModel,
      long inputTokens,
      long outputTokens,
      boolean stream) {}

  static void assertLlmSpan(ReceivedSpan llm, ReceivedSpan server, String session, Expected e) {
    Double cost = PRICES.cost(e.responseModel(), e.requestModel(), e.inputTokens(), 0, e.outputTokens());
    assertAll(
        "LLM span " + llm,
        () -> assertEquals(e.operation() + " " + e.requestModel(), llm.name()),
        () -> assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, llm.kind()),
        () -> assertEquals(e.operation(), llm.string("gen_ai.operation.name")),
        () -> assertEquals(e.provider(), llm.string("gen_ai.provider.name")),
        () -> assertEquals(e.requestModel(), llm.string("gen_ai.request.model")),
        () -> assertEquals(e.responseModel(), llm.string("gen_ai.response.model")),
        () -> assertEquals(e.inputTokens(), llm.longValue("gen_ai.usage.input_tokens")),
        () -> assertEquals(e.outputTokens(), llm.longValue("gen_ai.usage.output_tokens")),
        () -> assertEquals(e.stream(), bool(llm, "gen_ai.request.stream")),
        () -> assertEquals(server.traceId(), llm.traceId()),
        () -> assertEquals(server.spanId(), llm.parentSpanId(), "parent is the server span"),
        () -> assertEquals(session, llm.string("session.id")),
        () -> assertNotNull(llm.longValue("turn.number"), "turn.number"),
        () -> {
          if (cost == null) {
            assertFalse(llm.attribute("gen_ai.usage.cost").isPresent(), "no price, no cost");
          } else {
            assertEquals(cost, doubleValue(llm, "gen_ai.usage.cost"), 1e-12, "gen_ai.usage.cost");
          }
        },
        () -> {
          if (e.stream()) {
            assertNotNull(
                doubleValue(llm, "gen_ai.response.time_to_first_chunk"), "time to first chunk");
          }
        },
        () -> assertFalse(llm.attribute("error.type").isPresent(), "no error.type"));
  }

  /** A failed call: one span with {@code error.type} and an error status. */
  static void assertErrorSpan(ReceivedSpan llm, ReceivedSpan server) {
    assertAll(
        "LLM span " + llm,
        () -> assertEquals(server.spanId(), llm.parentSpanId(), "parent is the server span"),
        () -> assertNotNull(llm.string("error.type"), "error.type"),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, llm.statusCode()));
  }

  static Boolean bool(ReceivedSpan span, String key) {
    return span.attribute(key).filter(AnyValue::hasBoolValue).map(AnyValue::getBoolValue).orElse(null);
  }

  static Double doubleValue(ReceivedSpan span, String key) {
    return span.attribute(key).filter(AnyValue::hasDoubleValue).map(AnyValue::getDoubleValue).orElse(null);
  }
}
