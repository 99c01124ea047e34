package io.parley.smoke.llm;

import static io.parley.smoke.llm.LlmSpans.COST;
import static io.parley.smoke.llm.LlmSpans.ERROR_TYPE;
import static io.parley.smoke.llm.LlmSpans.INPUT_TOKENS;
import static io.parley.smoke.llm.LlmSpans.OPERATION;
import static io.parley.smoke.llm.LlmSpans.OUTPUT_TOKENS;
import static io.parley.smoke.llm.LlmSpans.PROVIDER;
import static io.parley.smoke.llm.LlmSpans.REQUEST_MODEL;
import static io.parley.smoke.llm.LlmSpans.RESPONSE_MODEL;
import static io.parley.smoke.llm.LlmSpans.SERVER_ADDRESS;
import static io.parley.smoke.llm.LlmSpans.SERVER_PORT;
import static io.parley.smoke.llm.LlmSpans.SESSION_ID;
import static io.parley.smoke.llm.LlmSpans.STREAM;
import static io.parley.smoke.llm.LlmSpans.TIME_TO_FIRST_CHUNK;
import static io.parley.smoke.llm.LlmSpans.TURN_COST;
import static io.parley.smoke.llm.LlmSpans.TURN_INPUT_TOKENS;
import static io.parley.smoke.llm.LlmSpans.TURN_LLM_CALLS;
import static io.parley.smoke.llm.LlmSpans.TURN_NUMBER;
import static io.parley.smoke.llm.LlmSpans.TURN_OUTPUT_TOKENS;
import static io.parley.smoke.llm.LlmSpans.boolValue;
import static io.parley.smoke.llm.LlmSpans.doubleValue;
import static io.parley.smoke.llm.LlmSpans.keysStartingWith;
import static io.parley.smoke.llm.LlmSpans.llmSpansOfTrace;
import static io.parley.smoke.llm.LlmSpans.serverSpanOfSession;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Status;
import io.parley.fakellm.FakeFault;
import io.parley.fakellm.FakeLlmProvider;
import io.parley.instrumentation.testing.LocalLlmServer;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.otlp.ReceivedSpan;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §5 over the JDK's own HTTP clients, end to end: a Spring Boot service calls OpenAI, Gemini
 * and Ollama wire formats through {@code java.net.http.HttpClient} (send and sendAsync, every kind
 * of body handler), {@code HttpURLConnection} and LangChain4j's OpenAI chat models; each call must
 * come out as exactly one LLM CLIENT span under the request's server span, with the tokens the
 * fake provider returned and the cost the agent's own price table gives for them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
abstract class AbstractLlmJdkSmokeTest {

  /** The API key the application sends to every provider; it must never be exported. */
  private static final String API_KEY = "sk-parley-smoke-" + UUID.randomUUID();

  private final AtomicInteger calls = new AtomicInteger();
  private FakeLlmProvider llm;
  private LocalLlmServer fixed;
  private InstrumentedApp app;
  private AgentPrices prices;

  protected abstract Path java();

  protected abstract String serviceName();

  @BeforeAll
  void launch() throws Exception {
    Path java = java();
    prices = AgentPrices.fromAgentJar();
    llm = FakeLlmProvider.started().datedModels();
    fixed = new LocalLlmServer();
    app = LlmJdkApp.launch(serviceName(), java, API_KEY, "127.0.0.1:" + llm.port());
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
      if (fixed != null) {
        fixed.close();
      }
    }
  }

  /** One way of calling an LLM: the application endpoint and what its span must say. */
  record Call(
      String name, String path, String api, String operation, String provider, String model, boolean stream) {

    String base(FakeLlmProvider llm) {
      return api.equals("openai") ? llm.openAiBaseUrl() : llm.baseUrl();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> calls() {
    return Stream.of(
            new Call("jdk send", "/llm/openai?mode=send&handler=bytes", "openai", "chat", "openai", "gpt-4o-mini", false),
            new Call("jdk send, stream", "/llm/openai?mode=send&stream=true&handler=stream", "openai", "chat", "openai", "gpt-4o-mini", true),
            new Call("jdk sendAsync", "/llm/openai?mode=async&handler=string", "openai", "chat", "openai", "gpt-4o-mini", false),
            new Call("jdk sendAsync, stream as lines", "/llm/openai?mode=async&stream=true&handler=lines", "openai", "chat", "openai", "gpt-4o-mini", true),
            new Call("gemini send", "/llm/gemini?mode=send", "gemini", "generate_content", "gcp.gemini", "gemini-2.0-flash", false),
            new Call("gemini send, sse", "/llm/gemini?mode=send&stream=true", "gemini", "generate_content", "gcp.gemini", "gemini-2.0-flash", true),
            new Call("gemini sendAsync, sse", "/llm/gemini?mode=async&stream=true", "gemini", "generate_content", "gcp.gemini", "gemini-2.0-flash", true),
            new Call("ollama send, ndjson", "/llm/ollama?mode=send", "ollama", "chat", "ollama", "llama3.2", true),
            new Call("ollama sendAsync, ndjson", "/llm/ollama?mode=async", "ollama", "chat", "ollama", "llama3.2", true),
            new Call("HttpURLConnection", "/llm/openai?transport=urlconnection", "openai", "chat", "openai", "gpt-4o-mini", false),
            new Call("HttpURLConnection, stream", "/llm/openai?transport=urlconnection&stream=true", "openai", "chat", "openai", "gpt-4o-mini", true),
            new Call("WebClient on Reactor Netty", "/llm/openai?transport=webclient-netty", "openai", "chat", "openai", "gpt-4o-mini", false),
            new Call("WebClient on Reactor Netty, stream", "/llm/openai?transport=webclient-netty&stream=true", "openai", "chat", "openai", "gpt-4o-mini", true),
            new Call("WebClient on the JDK HttpClient", "/llm/openai?transport=webclient-jdk", "openai", "chat", "openai", "gpt-4o-mini", false),
            new Call("WebClient on the JDK HttpClient, stream", "/llm/openai?transport=webclient-jdk&stream=true", "openai", "chat", "openai", "gpt-4o-mini", true),
            new Call("LangChain4j OpenAiChatModel", "/llm/langchain4j", "openai", "chat", "openai", "gpt-4o-mini", false),
            new Call("LangChain4j OpenAiStreamingChatModel", "/llm/langchain4j?stream=true", "openai", "chat", "openai", "gpt-4o-mini", true))
        .map(Arguments::of);
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void eachCallIsOneLlmSpanUnderTheServerSpan(Call call) {
    int n = calls.incrementAndGet();
    long input = 1000 + 37L * n;
    long output = 40 + 11L * n;
    llm.next().usage(input, output);
    String session = "jdk-" + n + "-" + UUID.randomUUID();

    LlmJdkApp.Answer answer =
        LlmJdkApp.get(app, LlmJdkApp.withBase(call.path(), call.base(llm)), "X-Session-Id", session);
    assertEquals(200, answer.status(), answer.text());

    ReceivedSpan server = app.awaitSpans(serverSpanOfSession(session), 1).get(0);
    app.awaitSpans(llmSpansOfTrace(server.traceId()), 1);
    List<ReceivedSpan> spans = app.spansAfterSettling(llmSpansOfTrace(server.traceId()));
    assertEquals(1, spans.size(), "exactly one LLM span: " + spans);
    ReceivedSpan span = spans.get(0);

    String responseModel = FakeLlmProvider.BUILT_IN_DATED_MODELS.getOrDefault(call.model(), call.model());
    Double expectedCost = prices.cost(responseModel, call.model(), input, output);
    assertAll(
        () -> assertEquals(call.operation() + " " + call.model(), span.name()),
        () -> assertEquals(call.operation(), span.string(OPERATION)),
        () -> assertEquals(call.provider(), span.string(PROVIDER)),
        () -> assertEquals(call.model(), span.string(REQUEST_MODEL)),
        () -> assertEquals(responseModel, span.string(RESPONSE_MODEL)),
        () -> assertEquals(input, span.longValue(INPUT_TOKENS)),
        () -> assertEquals(output, span.longValue(OUTPUT_TOKENS)),
        () -> assertCost(expectedCost, doubleValue(span, COST)),
        () -> assertEquals(call.stream(), boolValue(span, STREAM)),
        () -> {
          Double firstChunk = doubleValue(span, TIME_TO_FIRST_CHUNK);
          if (call.stream()) {
            assertNotNull(firstChunk, "time to first chunk on a stream");
            assertTrue(firstChunk > 0 && firstChunk * 1e9 <= span.durationNanos(), "ttfc " + firstChunk);
          } else {
            assertNull(firstChunk);
          }
        },
        () -> assertEquals("127.0.0.1", span.string(SERVER_ADDRESS)),
        () -> assertEquals((long) llm.port(), span.longValue(SERVER_PORT)),
        () -> assertEquals(server.spanId(), span.parentSpanId(), "parent is the server span"),
        () -> assertEquals(session, span.string(SESSION_ID)),
        () -> assertEquals(1L, span.longValue(TURN_NUMBER)),
        () -> assertEquals(1L, server.longValue(TURN_NUMBER)),
        () -> assertEquals(1L, server.longValue(TURN_LLM_CALLS)),
        () -> assertEquals(input, server.longValue(TURN_INPUT_TOKENS)),
        () -> assertEquals(output, server.longValue(TURN_OUTPUT_TOKENS)),
        () -> assertCost(expectedCost, doubleValue(server, TURN_COST)),
        () -> assertEquals(List.of(), keysStartingWith(server, "gen_ai.usage."), "no gen_ai.usage.* on server spans"),
        () -> assertNull(span.string(ERROR_TYPE)),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.statusCode()));
  }

  @Order(2)
  @Test
  void turnsOfASessionAreNumberedAndTotalledOnTheServerSpan() {
    String session = "multi-" + UUID.randomUUID();
    String openAi = LlmJdkApp.withBase("/llm/openai", llm.openAiBaseUrl());
    long[][] usage = {{301, 31}, {402, 42}, {503, 53}, {604, 64}, {705, 75}};
    for (long[] u : usage) {
      llm.next().usage(u[0], u[1]);
    }
    get(openAi, "X-Session-Id", session); // turn 1: one call
    get("/plain", "X-Session-Id", session); // no LLM call: no turn
    get(LlmJdkApp.withBase("/llm/twice", llm.openAiBaseUrl()), "X-Session-Id", session); // turn 2: two calls
    get(openAi, "X-Session-Id", session, "X-Turn-Number", "7"); // the client's number
    get(LlmJdkApp.withBase("/llm/gemini", llm.baseUrl()), "X-Session-Id", session); // continues above it

    List<ReceivedSpan> servers =
        app.awaitSpans(serverSpanOfSession(session), 5).stream()
            .sorted(Comparator.comparingLong(s -> s.proto().getStartTimeUnixNano()))
            .collect(Collectors.toList());
    assertEquals(5, servers.size(), servers.toString());
    Long[] expectedTurns = {1L, null, 2L, 7L, 8L};
    int[] expectedCalls = {1, 0, 2, 1, 1};
    for (int i = 0; i < servers.size(); i++) {
      ReceivedSpan server = servers.get(i);
      List<ReceivedSpan> llmSpans = app.spansAfterSettling(llmSpansOfTrace(server.traceId()));
      String what = "request " + (i + 1) + ": " + server + "\n" + llmSpans;
      assertEquals(expectedTurns[i], server.longValue(TURN_NUMBER), what);
      assertEquals(expectedCalls[i], llmSpans.size(), what);
      assertEquals(List.of(), keysStartingWith(server, "gen_ai.usage."), what);
      if (expectedCalls[i] == 0) {
        assertNull(server.longValue(TURN_LLM_CALLS), what);
        continue;
      }
      long inputs = 0;
      long outputs = 0;
      double cost = 0;
      for (ReceivedSpan llmSpan : llmSpans) {
        assertEquals(expectedTurns[i], llmSpan.longValue(TURN_NUMBER), what);
        assertEquals(session, llmSpan.string(SESSION_ID), what);
        inputs += llmSpan.longValue(INPUT_TOKENS);
        outputs += llmSpan.longValue(OUTPUT_TOKENS);
        cost += doubleValue(llmSpan, COST);
      }
      assertEquals((long) expectedCalls[i], server.longValue(TURN_LLM_CALLS), what);
      assertEquals(inputs, server.longValue(TURN_INPUT_TOKENS), what);
      assertEquals(outputs, server.longValue(TURN_OUTPUT_TOKENS), what);
      assertCost(cost, doubleValue(server, TURN_COST));
    }
    assertEquals(usage[1][0] + usage[2][0], servers.get(2).longValue(TURN_INPUT_TOKENS));
  }

  /** Exact bytes from a server whose answers never change, through every client and handler. */
  static Stream<Arguments> exactAnswers() {
    return Stream.of(
        Arguments.of("/llm/openai?mode=send&handler=bytes", "json", 200),
        Arguments.of("/llm/openai?mode=async&handler=string", "json", 200),
        Arguments.of("/llm/openai?mode=send&handler=stream", "json", 200),
        Arguments.of("/llm/openai?mode=send&stream=true&handler=stream", "sse", 200),
        Arguments.of("/llm/openai?mode=async&stream=true&handler=lines", "sse", 200),
        Arguments.of("/llm/openai?mode=async&stream=true&handler=bytes", "sse", 200),
        Arguments.of("/llm/openai?mode=send&handler=bytes", "gzip", 200),
        Arguments.of("/llm/openai?mode=async&handler=stream", "gzip", 200),
        Arguments.of("/llm/openai?mode=send&stream=true&handler=stream", "gzsse", 200),
        Arguments.of("/llm/openai?mode=async&stream=true&handler=bytes", "gzsse", 200),
        Arguments.of("/llm/openai?mode=send&handler=bytes", "status/429", 429),
        Arguments.of("/llm/openai?mode=async&handler=stream", "status/500", 500),
        Arguments.of("/llm/openai?transport=urlconnection", "json", 200),
        Arguments.of("/llm/openai?transport=urlconnection&stream=true", "sse", 200),
        Arguments.of("/llm/openai?transport=urlconnection", "gzip", 200),
        Arguments.of("/llm/openai?transport=urlconnection&stream=true", "gzsse", 200),
        Arguments.of("/llm/openai?transport=urlconnection", "status/429", 429),
        Arguments.of("/llm/openai?transport=urlconnection", "status/500", 500),
        Arguments.of("/llm/openai?transport=webclient-netty", "json", 200),
        Arguments.of("/llm/openai?transport=webclient-netty&stream=true", "sse", 200),
        Arguments.of("/llm/openai?transport=webclient-netty", "gzip", 200),
        Arguments.of("/llm/openai?transport=webclient-netty&stream=true", "gzsse", 200),
        Arguments.of("/llm/openai?transport=webclient-netty", "status/429", 429),
        Arguments.of("/llm/openai?transport=webclient-netty", "status/500", 500));
  }

  @Order(3)
  @ParameterizedTest(name = "{0} from /{1}")
  @MethodSource("exactAnswers")
  void theApplicationReadsExactlyWhatWasSent(String path, String way, int status) throws Exception {
    // Spring's ReactorClientHttpConnector asks for gzip and decompresses it (Reactor Netty's
    // compress(true)): its application reads the plain bytes, with or without the agent
    boolean clientDecompresses = path.contains("transport=webclient-netty");
    byte[] expected =
        switch (way) {
          case "json" -> LocalLlmServer.JSON;
          case "sse" -> LocalLlmServer.sse();
          case "gzip" -> clientDecompresses ? LocalLlmServer.JSON : LocalLlmServer.gzip(LocalLlmServer.JSON);
          case "gzsse" -> clientDecompresses ? LocalLlmServer.sse() : LocalLlmServer.gzip(LocalLlmServer.sse());
          default -> LocalLlmServer.ERROR;
        };
    String session = "exact-" + UUID.randomUUID();
    LlmJdkApp.Answer answer =
        LlmJdkApp.get(app, LlmJdkApp.withBase(path, fixed.base() + "/" + way + "/v1"), "X-Session-Id", session);
    assertEquals(200, answer.status(), answer.text());
    assertEquals(String.valueOf(status), answer.upstreamStatus());
    assertArrayEquals(expected, answer.body(), answer.text());

    // and the agent did see the exchange: one LLM span, tokens read through gzip and chunking
    ReceivedSpan server = app.awaitSpans(serverSpanOfSession(session), 1).get(0);
    app.awaitSpans(llmSpansOfTrace(server.traceId()), 1);
    List<ReceivedSpan> spans = app.spansAfterSettling(llmSpansOfTrace(server.traceId()));
    assertEquals(1, spans.size(), spans.toString());
    ReceivedSpan span = spans.get(0);
    if (status == 200) {
      boolean stream = way.endsWith("sse");
      assertEquals(stream ? 9L : 12L, span.longValue(INPUT_TOKENS), span.toString());
      assertEquals(stream ? 6L : 5L, span.longValue(OUTPUT_TOKENS), span.toString());
    } else {
      assertNotNull(span.string(ERROR_TYPE), span.toString());
    }
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("/llm/openai?mode=send&handler=bytes", FakeFault.rateLimited(0), 429),
        Arguments.of("/llm/openai?mode=async&handler=stream", FakeFault.serverError(), 500),
        Arguments.of("/llm/openai?mode=send&stream=true&handler=stream", FakeFault.rateLimited(0), 429),
        Arguments.of("/llm/openai?transport=urlconnection", FakeFault.rateLimited(0), 429),
        Arguments.of("/llm/openai?transport=urlconnection", FakeFault.serverError(), 500),
        Arguments.of("/llm/openai?transport=webclient-netty", FakeFault.rateLimited(0), 429),
        Arguments.of("/llm/gemini?mode=async", FakeFault.rateLimited(0), 429));
  }

  @Order(4)
  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("faults")
  void providerErrorsGiveErrorTypeAndReachTheApplicationUnchanged(String path, FakeFault fault, int status) {
    String base = path.startsWith("/llm/gemini") ? llm.baseUrl() : llm.openAiBaseUrl();
    String url =
        path.startsWith("/llm/gemini")
            ? base + "/v1beta/models/gemini-2.0-flash:generateContent"
            : base + "/chat/completions";
    llm.failNext(fault);
    HttpResponse<byte[]> reference = LlmJdkApp.postDirectly(url, "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");
    assertEquals(status, reference.statusCode());

    llm.failNext(fault);
    String session = "fault-" + UUID.randomUUID();
    LlmJdkApp.Answer answer = LlmJdkApp.get(app, LlmJdkApp.withBase(path, base), "X-Session-Id", session);
    assertEquals(200, answer.status(), answer.text());
    assertEquals(String.valueOf(status), answer.upstreamStatus());
    assertArrayEquals(reference.body(), answer.body(), answer.text());

    ReceivedSpan server = app.awaitSpans(serverSpanOfSession(session), 1).get(0);
    app.awaitSpans(llmSpansOfTrace(server.traceId()), 1);
    List<ReceivedSpan> spans = app.spansAfterSettling(llmSpansOfTrace(server.traceId()));
    assertEquals(1, spans.size(), spans.toString());
    ReceivedSpan span = spans.get(0);
    assertNotNull(span.string(ERROR_TYPE), span.toString());
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.statusCode(), span.toString());
    assertEquals(server.spanId(), span.parentSpanId());
  }

  @Order(100)
  @Test
  void theApiKeyIsNeverExported() {
    assertTrue(app.telemetry().rawByteCount() > 0, "something was exported");
    assertFalse(app.telemetry().rawBytesContain(API_KEY), "the API key was exported");
    assertFalse(app.telemetry().rawBytesContain("Bearer "), "an Authorization value was exported");
  }

  private LlmJdkApp.Answer get(String path, String... headers) {
    LlmJdkApp.Answer answer = LlmJdkApp.get(app, path, headers);
    assertEquals(200, answer.status(), path + ": " + answer.text());
    return answer;
  }

  private static void assertCost(Double expected, Double actual) {
    if (expected == null) {
      assertNull(actual, "no price: no cost attribute");
      return;
    }
    assertNotNull(actual, "cost expected: " + expected);
    assertEquals(expected, actual, Math.abs(expected) * 1e-9 + 1e-15);
  }
}
