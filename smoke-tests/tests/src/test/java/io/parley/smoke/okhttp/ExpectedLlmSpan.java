package io.parley.smoke.okhttp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.parley.smoke.otlp.ReceivedSpan;
import java.util.Optional;

/** What one successful LLM call's CLIENT span must say (SPEC §5), checked against a received span. */
record ExpectedLlmSpan(
    String operation,
    String provider,
    String requestModel,
    String responseModel,
    long inputTokens,
    long outputTokens,
    boolean stream,
    int serverPort) {

  void assertMatches(LlmOkHttpApps.Call call, PriceList prices) {
    ReceivedSpan span = call.llmSpan();
    ReceivedSpan server = call.server();
    Double expectedCost = prices.cost(responseModel, requestModel, inputTokens, outputTokens);
    assertAll(
        "LLM span " + span,
        () -> assertEquals(operation + " " + requestModel, span.name()),
        () -> assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, span.kind()),
        () -> assertEquals(server.spanId(), span.parentSpanId(), "parent is the server span"),
        () -> assertEquals(server.traceId(), span.traceId()),
        () -> assertEquals(operation, span.string("gen_ai.operation.name")),
        () -> assertEquals(provider, span.string("gen_ai.provider.name")),
        () -> assertEquals(requestModel, span.string("gen_ai.request.model")),
        () -> assertEquals(responseModel, span.string("gen_ai.response.model")),
        () -> assertEquals(inputTokens, span.longValue("gen_ai.usage.input_tokens")),
        () -> assertEquals(outputTokens, span.longValue("gen_ai.usage.output_tokens")),
        () -> assertEquals(Optional.of(stream), bool(span, "gen_ai.request.stream")),
        () -> {
          Double cost = dbl(span, "gen_ai.usage.cost");
          if (expectedCost == null) {
            assertNull(cost, "no price for " + responseModel + ": no cost attribute, never 0");
          } else {
            assertNotNull(cost, "gen_ai.usage.cost");
            assertEquals(expectedCost, cost, 1e-12, "cost from the price table");
          }
        },
        () -> {
          Double ttfc = dbl(span, "gen_ai.response.time_to_first_chunk");
          if (stream) {
            assertNotNull(ttfc, "time to first chunk on a stream");
            assertTrue(ttfc > 0 && ttfc * 1e9 <= span.durationNanos(), "0 < ttfc <= duration: " + ttfc);
          }
        },
        () -> assertEquals("127.0.0.1", span.string("server.address")),
        () -> assertEquals(Long.valueOf(serverPort), span.longValue("server.port")),
        () -> assertNotNull(span.string("session.id"), "session.id"),
        () -> assertEquals(server.string("session.id"), span.string("session.id")),
        () -> assertNotNull(span.longValue("turn.number"), "turn.number"),
        () -> assertFalse(span.attribute("error.type").isPresent(), "no error.type on success"));
  }

  static Optional<Boolean> bool(ReceivedSpan span, String key) {
    return span.attribute(key).filter(AnyValue::hasBoolValue).map(AnyValue::getBoolValue);
  }

  static Double dbl(ReceivedSpan span, String key) {
    return span.attribute(key).filter(AnyValue::hasDoubleValue).map(AnyValue::getDoubleValue).orElse(null);
  }
}
