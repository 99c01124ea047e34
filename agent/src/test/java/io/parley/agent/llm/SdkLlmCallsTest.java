package io.parley.agent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.parley.agent.llm.cost.CostCalculator;
import io.parley.agent.llm.cost.Price;
import io.parley.agent.llm.cost.PriceTable;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.server.ServerRequestHooks;
import io.parley.agent.session.IdentityResolver;
import io.parley.agent.session.IdentitySettings;
import io.parley.agent.session.lifecycle.SessionTracker;
import io.parley.agent.telemetry.RequestAttributesSpanProcessor;
import io.parley.agent.telemetry.SemanticKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One span per SDK-level call, enriched (never doubled) by the transport exchanges under it. */
class SdkLlmCallsTest {

  private static final String URL = "https://api.openai.com/v1/chat/completions";
  private static final String REQUEST = "{\"model\":\"gpt-4o-mini\",\"stream\":false}";
  private static final String RESPONSE =
      "{\"id\":\"chatcmpl-9\",\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":100}}}";
  private static final String RATE_LIMITED =
      "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder()
          .addSpanProcessor(new RequestAttributesSpanProcessor())
          .addSpanProcessor(SimpleSpanProcessor.create(exporter))
          .build();
  private final ParleyLog log = new ParleyLog(line -> {}, System::nanoTime);
  private final PriceTable prices = PriceTable.builtIn();
  private final SessionTracker sessions =
      new SessionTracker(
          Duration.ofMinutes(30),
          100,
          io.opentelemetry.sdk.common.Clock.getDefault(),
          Collections.emptyList(),
          log);
  private final LlmCallTracker transport =
      new LlmCallTracker(
          provider.get("test"),
          new LlmEndpoints(),
          new CostCalculator(prices),
          sessions,
          null,
          log);
  private final SdkLlmCalls sdk = transport.sdkCalls();
  private final ServerRequestHooks server =
      new ServerRequestHooks(
          provider.get("test"),
          TextMapPropagator.composite(
              W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()),
          new IdentityResolver(IdentitySettings.defaults(), log),
          sessions,
          new String[] {"traceparent", "baggage", "cookie", "X-Session-Id"},
          log);

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void sdkCallAloneIsOneSpanFromTheSdksValues() {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false);
    sdk.llmSdkEnd(call, "gpt-4o-mini-2024-07-18", "chatcmpl-1", 17L, 9L, new String[] {"STOP"}, null);

    SpanData span = single();
    assertEquals("chat gpt-4o-mini", span.getName());
    assertEquals("openai", span.getAttributes().get(GenAiKeys.PROVIDER_NAME));
    assertEquals("gpt-4o-mini", span.getAttributes().get(GenAiKeys.REQUEST_MODEL));
    assertEquals("gpt-4o-mini-2024-07-18", span.getAttributes().get(GenAiKeys.RESPONSE_MODEL));
    assertEquals("chatcmpl-1", span.getAttributes().get(GenAiKeys.RESPONSE_ID));
    assertEquals(17L, span.getAttributes().get(GenAiKeys.USAGE_INPUT_TOKENS));
    assertEquals(9L, span.getAttributes().get(GenAiKeys.USAGE_OUTPUT_TOKENS));
    assertEquals(Arrays.asList("stop"), span.getAttributes().get(GenAiKeys.RESPONSE_FINISH_REASONS));
    assertEquals(false, span.getAttributes().get(GenAiKeys.REQUEST_STREAM));
    assertNull(span.getAttributes().get(GenAiKeys.SERVER_ADDRESS));
    Price price = prices.find("gpt-4o-mini-2024-07-18");
    assertEquals(
        (17 * price.inputPerMillion() + 9 * price.outputPerMillion()) / 1e6,
        span.getAttributes().get(GenAiKeys.USAGE_COST),
        1e-15);
  }

  @Test
  void transportUnderAnAttachedSdkCallEnrichesItsSpanInsteadOfStartingOne() {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false);
    Object token = sdk.llmSdkAttach(call);
    exchange(200, RESPONSE);
    sdk.llmSdkDetach(token);
    assertTrue(exporter.getFinishedSpanItems().isEmpty(), "no span before the SDK call ends");
    // the SDK said nothing about tokens: the wire's numbers and cache count are used
    sdk.llmSdkEnd(call, "gpt-4o-mini-2024-07-18", "chatcmpl-9", null, null, new String[] {"STOP"}, null);

    SpanData span = single();
    assertEquals(120L, span.getAttributes().get(GenAiKeys.USAGE_INPUT_TOKENS));
    assertEquals(30L, span.getAttributes().get(GenAiKeys.USAGE_OUTPUT_TOKENS));
    assertEquals(100L, span.getAttributes().get(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS));
    assertEquals("api.openai.com", span.getAttributes().get(GenAiKeys.SERVER_ADDRESS));
    assertEquals(443L, span.getAttributes().get(GenAiKeys.SERVER_PORT));
    Price price = prices.find("gpt-4o-mini-2024-07-18");
    assertEquals(
        (20 * price.inputPerMillion()
                + 100 * price.cachedInputPerMillion()
                + 30 * price.outputPerMillion())
            / 1e6,
        span.getAttributes().get(GenAiKeys.USAGE_COST),
        1e-15);
  }

  @Test
  void sdkTokenCountsWinOverTheLastExchangesOnes() {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false);
    Object token = sdk.llmSdkAttach(call);
    exchange(200, RESPONSE); // a tool call round trip ...
    exchange(200, RESPONSE); // ... and the final answer
    sdk.llmSdkDetach(token);
    sdk.llmSdkEnd(call, null, null, 240L, 60L, null, null); // the SDK's cumulative usage

    SpanData span = single();
    assertEquals(240L, span.getAttributes().get(GenAiKeys.USAGE_INPUT_TOKENS));
    assertEquals(60L, span.getAttributes().get(GenAiKeys.USAGE_OUTPUT_TOKENS));
    assertEquals("gpt-4o-mini-2024-07-18", span.getAttributes().get(GenAiKeys.RESPONSE_MODEL));
  }

  @Test
  void sdkCallEndingBeforeItsExchangeKeepsWhatTheExchangeReadSoFar() {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", true);
    Object token = sdk.llmSdkAttach(call);
    Object exchange = transport.llmStart("POST", URL);
    sdk.llmSdkDetach(token);
    byte[] body = REQUEST.getBytes(StandardCharsets.UTF_8);
    transport.llmRequestBody(exchange, body, 0, body.length);
    transport.llmResponseHead(exchange, 200, "application/json", null);
    byte[] bytes = RESPONSE.getBytes(StandardCharsets.UTF_8);
    transport.llmResponseBody(exchange, bytes, 0, bytes.length);
    // the consumer saw its last chunk and completed; the exchange is cancelled only afterwards
    sdk.llmSdkEnd(call, null, null, null, null, null, null);
    transport.llmEnd(exchange, null);

    SpanData span = single();
    assertEquals("api.openai.com", span.getAttributes().get(GenAiKeys.SERVER_ADDRESS));
    assertEquals(120L, span.getAttributes().get(GenAiKeys.USAGE_INPUT_TOKENS));
    assertEquals(100L, span.getAttributes().get(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS));
  }

  @Test
  void transportOnAnotherThreadIsItsOwnCall() throws Exception {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false);
    Object token = sdk.llmSdkAttach(call);
    Thread other = new Thread(() -> exchange(200, RESPONSE));
    other.start();
    other.join();
    sdk.llmSdkDetach(token);
    sdk.llmSdkEnd(call, null, null, 1L, 1L, null, null);

    assertEquals(2, exporter.getFinishedSpanItems().size());
  }

  @Test
  void afterDetachTransportCallsAreTheirOwnAgain() {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false);
    sdk.llmSdkDetach(sdk.llmSdkAttach(call));
    exchange(200, RESPONSE);
    assertEquals(1, exporter.getFinishedSpanItems().size());
    assertNull(SdkLlmCalls.attached());
  }

  @Test
  void nestedSdkCallIsNotASecondCall() {
    Object outer = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false);
    Object token = sdk.llmSdkAttach(outer);
    assertNull(sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false));
    sdk.llmSdkDetach(token);
    sdk.llmSdkEnd(outer, null, null, 1L, 1L, null, null);
    assertEquals(1, exporter.getFinishedSpanItems().size());
  }

  @Test
  void errorStatusSeenByTheTransportNamesTheError() {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false);
    Object token = sdk.llmSdkAttach(call);
    exchange(429, RATE_LIMITED);
    sdk.llmSdkDetach(token);
    sdk.llmSdkEnd(call, null, null, null, null, null, new IllegalStateException("HTTP 429"));

    SpanData span = single();
    assertNotNull(span.getAttributes().get(SemanticKeys.ERROR_TYPE));
    assertTrue(!span.getAttributes().get(SemanticKeys.ERROR_TYPE).equals(IllegalStateException.class.getName()),
        "the provider's error, as a transport-only call records it");
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
  }

  @Test
  void sdkErrorWithoutTransportIsItsClass() {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", true);
    sdk.llmSdkEnd(call, null, null, null, null, null, new java.io.IOException("reset"));

    assertEquals("java.io.IOException", single().getAttributes().get(SemanticKeys.ERROR_TYPE));
  }

  @Test
  void streamRecordsTimeToFirstChunk() {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", true);
    sdk.llmSdkChunk(call);
    sdk.llmSdkChunk(call);
    sdk.llmSdkEnd(call, "gpt-4o-mini", "c", 5L, 2L, new String[] {"STOP"}, null);

    SpanData span = single();
    assertEquals(true, span.getAttributes().get(GenAiKeys.REQUEST_STREAM));
    assertNotNull(span.getAttributes().get(GenAiKeys.RESPONSE_TIME_TO_FIRST_CHUNK));
  }

  @Test
  void endingTwiceIsOneSpan() {
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", true);
    sdk.llmSdkEnd(call, null, null, 1L, 1L, null, null);
    sdk.llmSdkEnd(call, null, null, 1L, 1L, null, null);
    assertEquals(1, exporter.getFinishedSpanItems().size());
  }

  @Test
  void insideARequestTheCallIsATurnWithTotalsAndTheServerSpanAsParent() {
    Object request = server.serverStart("POST", "/chat", new String[] {null, null, null, "s-9"}, null);
    Object call = sdk.llmSdkStart("openai", "chat", "gpt-4o-mini", false);
    Object token = sdk.llmSdkAttach(call);
    exchange(200, RESPONSE);
    sdk.llmSdkDetach(token);
    sdk.llmSdkEnd(call, null, null, null, null, null, null);
    server.serverEnd(request, 200, null, null, null);

    SpanData client = spans(SpanKind.CLIENT).get(0);
    SpanData serverSpan = spans(SpanKind.SERVER).get(0);
    assertEquals(serverSpan.getSpanId(), client.getParentSpanId());
    assertEquals("s-9", client.getAttributes().get(SemanticKeys.SESSION_ID));
    assertEquals(1L, client.getAttributes().get(GenAiKeys.TURN_NUMBER));
    assertEquals(1L, serverSpan.getAttributes().get(GenAiKeys.TURN_LLM_CALLS));
    assertEquals(120L, serverSpan.getAttributes().get(GenAiKeys.TURN_INPUT_TOKENS));
  }

  private void exchange(int status, String response) {
    Object call = transport.llmStart("POST", URL);
    byte[] body = REQUEST.getBytes(StandardCharsets.UTF_8);
    transport.llmRequestBody(call, body, 0, body.length);
    transport.llmResponseHead(call, status, "application/json", null);
    byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
    transport.llmResponseBody(call, bytes, 0, bytes.length);
    transport.llmEnd(call, null);
  }

  private SpanData single() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }

  private List<SpanData> spans(SpanKind kind) {
    List<SpanData> out = new ArrayList<>();
    for (SpanData span : exporter.getFinishedSpanItems()) {
      if (span.getKind() == kind) {
        out.add(span);
      }
    }
    return out;
  }
}
