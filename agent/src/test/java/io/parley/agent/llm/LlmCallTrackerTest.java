package io.parley.agent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmCallTrackerTest {

  private static final String[] HEADERS = {"traceparent", "baggage", "cookie", "X-Session-Id"};
  private static final String CHAT_REQUEST = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";
  private static final String CHAT_RESPONSE =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1000,"
          + "\"completion_tokens\":200,\"total_tokens\":1200,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":400}}}";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder()
          .addSpanProcessor(new RequestAttributesSpanProcessor())
          .addSpanProcessor(SimpleSpanProcessor.create(exporter))
          .build();
  private final List<String> log = new ArrayList<>();
  private final ParleyLog parleyLog = new ParleyLog(log::add, System::nanoTime);
  private final PriceTable prices = PriceTable.builtIn();
  private final SessionTracker sessions =
      new SessionTracker(
          Duration.ofMinutes(30),
          100,
          io.opentelemetry.sdk.common.Clock.getDefault(),
          Collections.emptyList(),
          parleyLog);
  private final LlmCallTracker llm =
      new LlmCallTracker(
          provider.get("test"),
          new LlmEndpoints(),
          new CostCalculator(prices),
          sessions,
          null,
          parleyLog);
  private final ServerRequestHooks server =
      new ServerRequestHooks(
          provider.get("test"),
          TextMapPropagator.composite(
              W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()),
          new IdentityResolver(IdentitySettings.defaults(), parleyLog),
          sessions,
          HEADERS,
          parleyLog);

  @AfterEach
  void close() {
    provider.close();
  }

  private void chat(String url, String request, String response, String encoding)
      throws IOException {
    Object call = llm.llmStart("POST", url);
    assertNotNull(call, url);
    byte[] body = request.getBytes(StandardCharsets.UTF_8);
    llm.llmRequestBody(call, body, 0, body.length);
    llm.llmResponseHead(call, 200, "application/json", encoding);
    byte[] responseBytes = response.getBytes(StandardCharsets.UTF_8);
    if ("gzip".equals(encoding)) {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(responseBytes);
      }
      responseBytes = gz.toByteArray();
    }
    for (int i = 0; i < responseBytes.length; i += 7) {
      llm.llmResponseBody(call, responseBytes, i, Math.min(7, responseBytes.length - i));
    }
    llm.llmEnd(call, null);
  }

  private Object request(String session) {
    return server.serverStart("POST", "/chat", new String[] {null, null, null, session}, null);
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

  @Test
  void oneClientSpanWithModelTokensAndCost() throws IOException {
    chat("https://api.openai.com/v1/chat/completions", CHAT_REQUEST, CHAT_RESPONSE, null);

    List<SpanData> clients = spans(SpanKind.CLIENT);
    assertEquals(1, clients.size());
    SpanData span = clients.get(0);
    assertEquals("chat gpt-4o-mini", span.getName());
    assertEquals("openai", span.getAttributes().get(GenAiKeys.PROVIDER_NAME));
    assertEquals("gpt-4o-mini", span.getAttributes().get(GenAiKeys.REQUEST_MODEL));
    assertEquals("gpt-4o-mini-2024-07-18", span.getAttributes().get(GenAiKeys.RESPONSE_MODEL));
    assertEquals(1000L, span.getAttributes().get(GenAiKeys.USAGE_INPUT_TOKENS));
    assertEquals(200L, span.getAttributes().get(GenAiKeys.USAGE_OUTPUT_TOKENS));
    assertEquals(400L, span.getAttributes().get(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS));
    assertEquals("api.openai.com", span.getAttributes().get(GenAiKeys.SERVER_ADDRESS));
    assertEquals(443L, span.getAttributes().get(GenAiKeys.SERVER_PORT));
    assertEquals(Arrays.asList("stop"), span.getAttributes().get(GenAiKeys.RESPONSE_FINISH_REASONS));
    Price price = prices.find("gpt-4o-mini");
    double expected =
        (600 * price.inputPerMillion()
                + 400 * price.cachedInputPerMillion()
                + 200 * price.outputPerMillion())
            / 1e6;
    assertEquals(expected, span.getAttributes().get(GenAiKeys.USAGE_COST), 1e-12);
  }

  @Test
  void gzipResponsesAreDecodedBeforeReading() throws IOException {
    chat("https://api.openai.com/v1/chat/completions", CHAT_REQUEST, CHAT_RESPONSE, "gzip");

    assertEquals(
        200L, spans(SpanKind.CLIENT).get(0).getAttributes().get(GenAiKeys.USAGE_OUTPUT_TOKENS));
  }

  @Test
  void unknownModelHasNoCostAttribute() throws IOException {
    chat(
        "https://api.openai.com/v1/chat/completions",
        "{\"model\":\"my-own-model\"}",
        CHAT_RESPONSE.replace("gpt-4o-mini-2024-07-18", "my-own-model"),
        null);

    assertNull(spans(SpanKind.CLIENT).get(0).getAttributes().get(GenAiKeys.USAGE_COST));
  }

  @Test
  void nonLlmUrlsAreIgnored() {
    assertNull(llm.llmStart("POST", "https://example.com/api/orders"));
    assertNull(llm.llmStart("GET", "https://api.openai.com/v1/models"));
    assertNull(llm.llmStart("POST", "not a url"));
  }

  @Test
  void lookAlikePathWithoutModelGetsNoSpan() throws IOException {
    Object call = llm.llmStart("POST", "http://chat-backend.internal:8080/api/chat");
    byte[] body = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
    llm.llmRequestBody(call, body, 0, body.length);
    llm.llmResponseHead(call, 200, "application/json", null);
    llm.llmEnd(call, null);

    assertTrue(exporter.getFinishedSpanItems().isEmpty());
  }

  @Test
  void turnsAreNumberedPerSessionAndTotalledOnTheServerSpan() throws IOException {
    for (int i = 0; i < 2; i++) {
      Object handle = request("s-1");
      chat("https://api.openai.com/v1/chat/completions", CHAT_REQUEST, CHAT_RESPONSE, null);
      chat("https://api.openai.com/v1/chat/completions", CHAT_REQUEST, CHAT_RESPONSE, null);
      server.serverEnd(handle, 200, null, null, null);
    }
    Object noLlm = request("s-1");
    server.serverEnd(noLlm, 200, null, null, null);

    List<SpanData> servers = spans(SpanKind.SERVER);
    assertEquals(1L, servers.get(0).getAttributes().get(GenAiKeys.TURN_NUMBER));
    assertEquals(2L, servers.get(1).getAttributes().get(GenAiKeys.TURN_NUMBER));
    assertNull(servers.get(2).getAttributes().get(GenAiKeys.TURN_NUMBER));
    assertEquals(2L, servers.get(0).getAttributes().get(GenAiKeys.TURN_LLM_CALLS));
    assertEquals(2000L, servers.get(0).getAttributes().get(GenAiKeys.TURN_INPUT_TOKENS));
    assertEquals(400L, servers.get(0).getAttributes().get(GenAiKeys.TURN_OUTPUT_TOKENS));
    List<SpanData> clients = spans(SpanKind.CLIENT);
    double sum =
        clients.get(0).getAttributes().get(GenAiKeys.USAGE_COST)
            + clients.get(1).getAttributes().get(GenAiKeys.USAGE_COST);
    assertEquals(sum, servers.get(0).getAttributes().get(GenAiKeys.TURN_COST_USD), 1e-12);
    for (SpanData span : clients) {
      assertEquals("s-1", span.getAttributes().get(SemanticKeys.SESSION_ID));
      assertNotNull(span.getAttributes().get(GenAiKeys.TURN_NUMBER));
    }
    for (SpanData span : servers) {
      assertNull(span.getAttributes().get(GenAiKeys.USAGE_INPUT_TOKENS));
    }
  }

  @Test
  void transportErrorEndsTheSpanWithErrorType() throws IOException {
    Object call = llm.llmStart("POST", "https://api.openai.com/v1/chat/completions");
    llm.llmResponseHead(call, 200, "text/event-stream", null);
    llm.llmEnd(call, new IOException("reset"));
    llm.llmEnd(call, null);

    List<SpanData> clients = spans(SpanKind.CLIENT);
    assertEquals(1, clients.size());
    assertEquals(
        IOException.class.getName(), clients.get(0).getAttributes().get(SemanticKeys.ERROR_TYPE));
    assertEquals(StatusCode.ERROR, clients.get(0).getStatus().getStatusCode());
  }

  @Test
  void httpErrorStatusIsTheErrorType() {
    Object call = llm.llmStart("POST", "https://api.openai.com/v1/chat/completions");
    byte[] body = CHAT_REQUEST.getBytes(StandardCharsets.UTF_8);
    llm.llmRequestBody(call, body, 0, body.length);
    llm.llmResponseHead(call, 500, "text/plain", null);
    byte[] error = "oops".getBytes(StandardCharsets.UTF_8);
    llm.llmResponseBody(call, error, 0, error.length);
    llm.llmEnd(call, null);

    assertEquals("500", spans(SpanKind.CLIENT).get(0).getAttributes().get(SemanticKeys.ERROR_TYPE));
  }

  @Test
  void garbageHandlesNeverThrow() {
    llm.llmRequestBody("x", new byte[1], 0, 1);
    llm.llmResponseBody("x", new byte[1], 0, 1);
    llm.llmEnd("x", null);
    assertFalse(log.isEmpty());
  }
}
