package io.parley.agent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.parley.agent.llm.cost.CostCalculator;
import io.parley.agent.llm.cost.PriceTable;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.session.lifecycle.SessionTracker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code parley.capture.content} end to end through {@link LlmCallTracker}: the prompt and the
 * completion land on the one LLM span (a transport call's, or an SDK call's that a transport
 * exchange enriched), and never without the key.
 */
class ContentOnSpansTest {

  private static final String URL = "https://api.anthropic.com/v1/messages";
  private static final String REQUEST =
      "{\"model\":\"claude-haiku-4-5\",\"system\":\"Be brief.\","
          + "\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}]}";
  private static final String RESPONSE =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"Four.\"}],\"stop_reason\":\"end_turn\","
          + "\"usage\":{\"input_tokens\":12,\"output_tokens\":2}}";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final ParleyLog log = new ParleyLog(line -> {}, System::nanoTime);
  private final SessionTracker sessions =
      new SessionTracker(
          Duration.ofMinutes(30),
          100,
          io.opentelemetry.sdk.common.Clock.getDefault(),
          Collections.emptyList(),
          log);

  @AfterEach
  void close() {
    provider.close();
  }

  private LlmCallTracker tracker(boolean capture) {
    return new LlmCallTracker(
        provider.get("test"),
        new LlmEndpoints(),
        new CostCalculator(PriceTable.builtIn()),
        sessions,
        null,
        log,
        capture);
  }

  private static void exchange(LlmCallTracker tracker) {
    Object call = tracker.llmStart("POST", URL);
    byte[] body = REQUEST.getBytes(StandardCharsets.UTF_8);
    tracker.llmRequestBody(call, body, 0, body.length);
    tracker.llmResponseHead(call, 200, "application/json", null);
    byte[] bytes = RESPONSE.getBytes(StandardCharsets.UTF_8);
    tracker.llmResponseBody(call, bytes, 0, bytes.length);
    tracker.llmEnd(call, null);
  }

  private SpanData single() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }

  private static void assertContent(SpanData span) {
    assertEquals(
        "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"What is 2+2?\"}]}]",
        span.getAttributes().get(GenAiKeys.INPUT_MESSAGES));
    assertEquals(
        "[{\"type\":\"text\",\"content\":\"Be brief.\"}]",
        span.getAttributes().get(GenAiKeys.SYSTEM_INSTRUCTIONS));
    assertEquals(
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Four.\"}],"
            + "\"finish_reason\":\"end_turn\"}]",
        span.getAttributes().get(GenAiKeys.OUTPUT_MESSAGES));
  }

  @Test
  void transportCallSpanCarriesPromptAndCompletion() {
    exchange(tracker(true));
    SpanData span = single();
    assertContent(span);
    assertEquals(12L, span.getAttributes().get(GenAiKeys.USAGE_INPUT_TOKENS));
  }

  @Test
  void sdkCallSpanGetsTheContentItsTransportExchangeRead() {
    LlmCallTracker tracker = tracker(true);
    SdkLlmCalls sdk = tracker.sdkCalls();
    Object call = sdk.llmSdkStart("anthropic", "chat", "claude-haiku-4-5", false);
    Object token = sdk.llmSdkAttach(call);
    exchange(tracker);
    sdk.llmSdkDetach(token);
    sdk.llmSdkEnd(call, "claude-haiku-4-5", "msg_1", 12L, 2L, new String[] {"END_TURN"}, null);
    assertContent(single()); // one span, with the wire's content
  }

  @Test
  void sdkCallWithoutATransportBodyHasNoContent() {
    SdkLlmCalls sdk = tracker(true).sdkCalls();
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false);
    sdk.llmSdkEnd(call, "gpt-4o-mini", "c-1", 3L, 1L, new String[] {"STOP"}, null);
    assertNoContent(single());
  }

  @Test
  void withoutTheKeyNoContentAttributeAndNoTextAnywhereOnTheSpan() {
    exchange(tracker(false));
    SpanData span = single();
    assertNoContent(span);
    for (Map.Entry<AttributeKey<?>, Object> entry : span.getAttributes().asMap().entrySet()) {
      String value = String.valueOf(entry.getValue());
      assertFalse(value.contains("2+2") || value.contains("Four") || value.contains("brief"),
          entry.getKey() + "=" + value);
    }
  }

  @Test
  void theDefaultConstructorDoesNotCapture() {
    exchange(
        new LlmCallTracker(
            provider.get("test"),
            new LlmEndpoints(),
            new CostCalculator(PriceTable.builtIn()),
            sessions,
            null,
            log));
    assertNoContent(single());
  }

  private static void assertNoContent(SpanData span) {
    assertNull(span.getAttributes().get(GenAiKeys.INPUT_MESSAGES));
    assertNull(span.getAttributes().get(GenAiKeys.OUTPUT_MESSAGES));
    assertNull(span.getAttributes().get(GenAiKeys.SYSTEM_INSTRUCTIONS));
    assertTrue(span.getAttributes().size() > 3);
  }
}
