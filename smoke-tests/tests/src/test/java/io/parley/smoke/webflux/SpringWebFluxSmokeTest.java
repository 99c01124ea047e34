package io.parley.smoke.webflux;

import static io.parley.smoke.SpanContract.CONVERSATION_ID;
import static io.parley.smoke.SpanContract.HTTP_REQUEST_METHOD;
import static io.parley.smoke.SpanContract.HTTP_RESPONSE_STATUS_CODE;
import static io.parley.smoke.SpanContract.HTTP_ROUTE;
import static io.parley.smoke.SpanContract.SESSION_ID;
import static io.parley.smoke.SpanContract.URL_PATH;
import static io.parley.smoke.SpanContract.USER_ID;
import static io.parley.smoke.SpanContract.sha256Prefix;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Status;
import io.parley.fakellm.FakeLlmProvider;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.ReceivedSpan;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A Spring Boot 3 WebFlux service on Reactor Netty (no servlet container), launched with the
 * agent: each request is one SERVER span with its route, status, session and user, and the LLM
 * calls its handlers make with WebClient, streamed and not, are turns of that request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SpringWebFluxSmokeTest {

  private static final String API_KEY = "sk-webflux-" + UUID.randomUUID();

  private FakeLlmProvider llm;
  private InstrumentedApp app;

  /** The application jar: the same WebFlux service, built with the server under test. */
  protected Path appJar() {
    return SmokeEnvironment.webFluxJar();
  }

  protected String serviceName() {
    return "smoke-spring-boot-3-webflux";
  }

  @BeforeAll
  void launch() {
    llm = FakeLlmProvider.started();
    app =
        InstrumentedApp.launch(
            AgentJvm.app(serviceName(), appJar())
                .systemProperty("chat.llm", llm.openAiBaseUrl())
                .systemProperty("chat.apiKey", API_KEY)
                .secret("LLM API key", API_KEY)
                .appArgs(
                    port ->
                        List.of(
                            "--server.port=" + port,
                            "--spring.ai.openai.base-url=" + llm.baseUrl(),
                            "--spring.ai.openai.api-key=" + API_KEY,
                            "--spring.ai.openai.chat.options.model=gpt-4o-mini",
                            // the last chunk carries the usage
                            "--spring.ai.openai.chat.options.stream-usage=true",
                            "--spring.ai.retry.max-attempts=1")));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      if (llm != null) {
        llm.close();
      }
    }
  }

  @BeforeEach
  void resetFake() {
    llm.reset();
    llm.datedModels();
  }

  private ReceivedSpan serverSpanOfSession(String session) {
    return app.awaitSpans(span -> span.isServer() && session.equals(span.string(SESSION_ID)), 1).get(0);
  }

  private ReceivedSpan onlyLlmSpanOf(ReceivedSpan server) {
    app.awaitSpans(span -> isLlmSpanOf(span, server), 1);
    List<ReceivedSpan> spans = app.spansAfterSettling(span -> isLlmSpanOf(span, server));
    assertEquals(1, spans.size(), "LLM spans of the request: " + spans);
    return spans.get(0);
  }

  private static boolean isLlmSpanOf(ReceivedSpan span, ReceivedSpan server) {
    return !span.isServer()
        && span.traceId().equals(server.traceId())
        && span.string("gen_ai.operation.name") != null;
  }

  @Test
  void aRequestIsExactlyOneServerSpanNamedByItsRoute() {
    assertEquals("item 42", app.get("/items/42").body());

    ReceivedSpan span = app.awaitServerSpan("/items/42");
    assertAll(
        () -> assertEquals("GET /items/{id}", span.name()),
        () -> assertEquals("GET", span.string(HTTP_REQUEST_METHOD)),
        () -> assertEquals("/items/{id}", span.string(HTTP_ROUTE)),
        () -> assertEquals(200L, span.longValue(HTTP_RESPONSE_STATUS_CODE)),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.statusCode()),
        () -> assertEquals(1, app.serverSpansOfTrace(span.traceId()).size(), "SERVER spans in the trace"),
        () -> assertEquals(serviceName(), span.resourceString("service.name")));
  }

  @Test
  void aFailingHandlerIsA500WithErrorStatus() {
    assertEquals(500, app.get("/fail").status());

    ReceivedSpan span = app.awaitServerSpan("/fail");
    assertAll(
        () -> assertEquals(500L, span.longValue(HTTP_RESPONSE_STATUS_CODE)),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.statusCode()),
        () -> assertEquals("GET /fail", span.name()));
    assertFalse(app.telemetry().rawBytesContain("the handler failed"), "exception message exported");
  }

  @Test
  void anIncomingTraceparentIsContinued() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parent = "00f067aa0ba902b7";
    assertEquals(200, app.get("/items/traced", "traceparent", "00-" + traceId + "-" + parent + "-01").status());

    ReceivedSpan span = app.awaitServerSpan("/items/traced");
    assertEquals(traceId, span.traceId());
    assertEquals(parent, span.parentSpanId());
  }

  @Test
  void sessionUserAndConversationComeFromTheHeadersAndCookies() {
    String cookie = "webflux-cookie-" + UUID.randomUUID();
    String user = "bob-" + UUID.randomUUID() + "@example.com";
    assertEquals(
        200,
        app.get("/items/identity", "X-User-Id", user, "X-Conversation-Id", "conv-wf", "Cookie",
                "theme=dark; session_id=" + cookie)
            .status());

    ReceivedSpan span = app.awaitServerSpan("/items/identity");
    assertAll(
        () -> assertEquals(sha256Prefix(cookie), span.string(SESSION_ID), "session from the cookie, hashed"),
        () -> assertEquals(sha256Prefix(user), span.string(USER_ID), "user, hashed"),
        () -> assertEquals("conv-wf", span.string(CONVERSATION_ID)));
    assertFalse(app.telemetry().rawBytesContain(cookie), "raw cookie value exported");
    assertFalse(app.telemetry().rawBytesContain(user), "raw user id exported");
  }

  @Test
  void aWebClientCallInTheHandlerIsATurnOfTheRequest() {
    llm.next().usage(140, 12);
    String session = "webflux-chat-" + UUID.randomUUID();

    SmokeHttp.Response response = app.get("/chat", "X-Session-Id", session);
    assertEquals(200, response.status(), response.body());
    assertTrue(response.body().contains("chat.completion"), response.body());

    ReceivedSpan server = serverSpanOfSession(session);
    ReceivedSpan call = onlyLlmSpanOf(server);
    assertAll(
        () -> assertEquals("chat gpt-4o-mini", call.name()),
        () -> assertEquals(server.spanId(), call.parentSpanId(), "the LLM span is a child of the request's"),
        () -> assertEquals(session, call.string(SESSION_ID)),
        () -> assertEquals(1L, call.longValue("turn.number")),
        () -> assertEquals(140L, call.longValue("gen_ai.usage.input_tokens")),
        () -> assertEquals(12L, call.longValue("gen_ai.usage.output_tokens")),
        () -> assertEquals("127.0.0.1", call.string("server.address")),
        () -> assertEquals(1L, server.longValue("turn.number")),
        () -> assertEquals(1L, server.longValue("turn.llm_calls")),
        () -> assertEquals(140L, server.longValue("turn.input_tokens")),
        () -> assertEquals(12L, server.longValue("turn.output_tokens")),
        () -> assertEquals("GET /chat", server.name()));
  }

  @Test
  void aStreamRelayedByTheHandlerIsATurnAndTheRequestEndsAfterIt() {
    llm.next().usage(90, 7);
    String session = "webflux-stream-" + UUID.randomUUID();

    SmokeHttp.Response response = app.get("/chat/stream", "X-Session-Id", session);
    assertEquals(200, response.status(), response.body());
    assertTrue(response.body().contains("[DONE]") || response.body().contains("usage"), response.body());

    ReceivedSpan server = serverSpanOfSession(session);
    ReceivedSpan call = onlyLlmSpanOf(server);
    assertAll(
        () -> assertEquals(server.spanId(), call.parentSpanId()),
        () -> assertEquals(Boolean.TRUE, call.attribute("gen_ai.request.stream").map(v -> v.getBoolValue()).orElse(null)),
        () -> assertNotNull(call.attribute("gen_ai.response.time_to_first_chunk").orElse(null), "time to first chunk"),
        () -> assertEquals(90L, call.longValue("gen_ai.usage.input_tokens")),
        () -> assertEquals(7L, call.longValue("gen_ai.usage.output_tokens")),
        () -> assertEquals(1L, server.longValue("turn.llm_calls")),
        () -> assertTrue(
            server.proto().getEndTimeUnixNano() >= call.proto().getEndTimeUnixNano(),
            "the request's span ends after the stream it relayed"));
  }

  @Test
  void aSpringAiStreamReturnedByTheHandlerIsOneLlmSpanOfTheRequest() {
    llm.next().usage(222, 33);
    String session = "webflux-spring-ai-" + UUID.randomUUID();

    SmokeHttp.Response response = app.get("/ai/stream", "X-Session-Id", session);
    assertEquals(200, response.status(), response.body());
    assertTrue(response.body().contains("data:"), response.body());

    ReceivedSpan server = serverSpanOfSession(session);
    ReceivedSpan call = onlyLlmSpanOf(server);
    assertAll(
        () -> assertEquals("chat gpt-4o-mini", call.name()),
        () -> assertEquals(server.spanId(), call.parentSpanId()),
        () -> assertEquals(session, call.string(SESSION_ID)),
        () -> assertEquals(222L, call.longValue("gen_ai.usage.input_tokens")),
        () -> assertEquals(33L, call.longValue("gen_ai.usage.output_tokens")),
        // WebClient's exchange underneath, started while the stream was subscribed, enriched the
        // span rather than adding one
        () -> assertEquals("127.0.0.1", call.string("server.address")),
        () -> assertEquals(1L, server.longValue("turn.llm_calls")));
  }

  @Test
  void turnsOfOneSessionAreNumberedAcrossRequests() {
    String session = "webflux-turns-" + UUID.randomUUID();
    for (int i = 0; i < 2; i++) {
      assertEquals(200, app.get("/chat", "X-Session-Id", session).status());
    }
    List<ReceivedSpan> servers =
        app.awaitSpans(span -> span.isServer() && session.equals(span.string(SESSION_ID)), 2);
    List<Long> turns = servers.stream().map(s -> s.longValue("turn.number")).sorted().toList();
    assertEquals(List.of(1L, 2L), turns);
  }
}
