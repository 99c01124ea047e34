package io.parley.smoke.propagation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.fakellm.FakeLlmProvider;
import io.parley.fakellm.RecordedRequest;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §6 across two JVMs, both with the agent: service A, handling a request with a session
 * header, calls service B over HTTP, and B calls the fake LLM provider. B's spans must join A's
 * trace (B's server span a child of A's) and carry A's session id and A's hashed user id (B hashes
 * with another key, so a re-hashed id would differ); the LLM provider must receive the trace
 * context but no session header, no baggage and no user id. Run through every HTTP client the
 * agent propagates through, directly and under Spring's RestTemplate, RestClient and WebClient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class CrossServiceSmokeTest {

  private static final String KEY_OF_A = "hash-key-of-a";
  private static final String KEY_OF_B = "hash-key-of-b";
  private static final List<String> SESSION_HEADERS =
      List.of("x-session-id", "session-id", "helicone-session-id");

  private FakeLlmProvider llm;
  private InstrumentedApp serviceB;
  private InstrumentedApp serviceA;

  @BeforeAll
  void launch() {
    llm = FakeLlmProvider.started();
    serviceB = launchB("relay-b", Map.of());
    serviceA =
        launch(
            "relay-a",
            Map.of(
                "relay.next", "http://127.0.0.1:" + serviceB.jvm().port() + "/b",
                "parley.user.hash.key", KEY_OF_A));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (serviceA != null) {
        serviceA.close();
      }
    } finally {
      try {
        if (serviceB != null) {
          serviceB.close();
        }
      } finally {
        if (llm != null) {
          llm.close();
        }
      }
    }
  }

  /** B: calls the fake provider, which the agent is told is an LLM host (by host and port). */
  private InstrumentedApp launchB(String name, Map<String, String> more) {
    Map<String, String> properties =
        new java.util.LinkedHashMap<>(
            Map.of(
                "relay.llm", llm.openAiBaseUrl(),
                "parley.llm.hosts", "127.0.0.1:" + llm.port(),
                "parley.user.hash.key", KEY_OF_B));
    properties.putAll(more);
    return launch(name, properties);
  }

  private static InstrumentedApp launch(String name, Map<String, String> properties) {
    OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
    try {
      AgentJvm.Builder jvm =
          AgentJvm.app(name, SmokeEnvironment.relayJar())
              .otlp(receiver.endpoint(), "http/protobuf")
              .appArgs(port -> List.of("--server.port=" + port));
      properties.forEach(jvm::systemProperty);
      return new InstrumentedApp(jvm.start(), receiver.telemetry(), receiver);
    } catch (RuntimeException | Error e) {
      receiver.close();
      throw e;
    }
  }

  static Stream<String> clients() {
    return Stream.of(
        "jdk", "okhttp", "urlconnection", "hc5",
        "resttemplate", "restclient", "restclient-jdk", "webclient-jdk", "webclient-netty");
  }

  /** The first 16 hex characters of HMAC-SHA256(key, id): the agent's keyed user hash. */
  private static String hashed(String key, String id) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
  }

  private static Predicate<ReceivedSpan> serverSpanOf(String path, String traceId) {
    return span ->
        span.isServer() && path.equals(span.string("url.path")) && traceId.equals(span.traceId());
  }

  private static Predicate<ReceivedSpan> llmSpanOf(String traceId) {
    return span -> span.attribute("gen_ai.operation.name").isPresent() && traceId.equals(span.traceId());
  }

  /** The requests the fake provider received in {@code traceId}, by their traceparent. */
  private List<RecordedRequest> llmRequestsOfTrace(String traceId) {
    return llm.requests().stream()
        .filter(r -> r.header("traceparent") != null && r.header("traceparent").contains(traceId))
        .collect(Collectors.toList());
  }

  private static String allHeaders(RecordedRequest request) {
    return request.headers().entrySet().stream()
        .map(e -> e.getKey() + ": " + String.join(",", e.getValue()))
        .collect(Collectors.joining("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void bJoinsAsTraceAndSessionAndTheLlmProviderGetsNeitherSessionNorUser(String via)
      throws Exception {
    String session = "relay-" + via + "-" + UUID.randomUUID();
    String user = "user-" + UUID.randomUUID() + "@example.com";

    SmokeHttp.Response response =
        serviceA.get("/a?via=" + via, "X-Session-Id", session, "X-User-Id", user);
    assertEquals(200, response.status(), response.body() + "\n" + serviceA.jvm().diagnostics());
    assertEquals("a(200 b(200))", response.body(), serviceB.jvm().diagnostics());

    ReceivedSpan a =
        serviceA.awaitSpans(span -> span.isServer() && session.equals(span.string("session.id")), 1).get(0);
    String traceId = a.traceId();
    ReceivedSpan b = serviceB.awaitSpans(serverSpanOf("/b", traceId), 1).get(0);
    ReceivedSpan llmSpan = serviceB.awaitSpans(llmSpanOf(traceId), 1).get(0);
    List<RecordedRequest> toLlm = llmRequestsOfTrace(traceId);
    String userOfA = hashed(KEY_OF_A, user);

    assertAll(
        () -> assertEquals("/a", a.string("url.path")),
        () -> assertEquals(userOfA, a.string("user.id"), "A hashes with its key"),
        () -> assertEquals(a.spanId(), b.parentSpanId(), "B's server span is a child of A's"),
        () -> assertEquals(session, b.string("session.id")),
        () -> assertEquals(userOfA, b.string("user.id"), "B keeps A's hash, not a hash of it"),
        () -> assertEquals(session, b.string("gen_ai.conversation.id")),
        () -> assertEquals(b.spanId(), llmSpan.parentSpanId()),
        () -> assertEquals(session, llmSpan.string("session.id")),
        () -> assertEquals(userOfA, llmSpan.string("user.id")),
        () -> assertEquals(1, toLlm.size(), "one request to the provider in this trace: " + llm.requests()));
    RecordedRequest request = toLlm.get(0);
    String headers = allHeaders(request);
    assertAll(
        () -> assertEquals(
            "00-" + traceId + "-" + b.spanId() + "-",
            request.header("traceparent").substring(0, 3 + 32 + 1 + 16 + 1),
            "the provider gets the trace context of B's current span"),
        () -> {
          for (String name : SESSION_HEADERS) {
            assertNull(request.header(name), name + " sent to the LLM provider:\n" + headers);
          }
        },
        () -> assertNull(request.header("baggage"), "baggage sent to the LLM provider:\n" + headers),
        () -> assertFalse(headers.contains(session), "session id in a header to the provider:\n" + headers),
        () -> assertFalse(headers.contains(userOfA), "user id in a header to the provider:\n" + headers),
        () -> assertFalse(headers.contains(user), "raw user id in a header to the provider"),
        () -> assertFalse(request.bodyText().contains(user), "raw user id in the body to the provider"),
        () -> assertFalse(serviceA.telemetry().rawBytesContain(user), "raw user id exported by A"),
        () -> assertFalse(serviceB.telemetry().rawBytesContain(user), "raw user id exported by B"));
  }

  @Test
  void llmHostsGetTheSessionHeaderAndBaggageWhenConfiguredTo() throws Exception {
    try (InstrumentedApp optedIn =
        launchB("relay-b-to-llm-hosts", Map.of("parley.propagation.to.llm.hosts", "true"))) {
      String session = "relay-opted-in-" + UUID.randomUUID();
      String user = "user-" + UUID.randomUUID();

      SmokeHttp.Response response =
          optedIn.get("/b?via=jdk", "X-Session-Id", session, "X-User-Id", user);
      assertEquals("b(200)", response.body());

      ReceivedSpan b =
          optedIn.awaitSpans(span -> span.isServer() && session.equals(span.string("session.id")), 1).get(0);
      List<RecordedRequest> toLlm = llmRequestsOfTrace(b.traceId());
      assertEquals(1, toLlm.size());
      RecordedRequest request = toLlm.get(0);
      String userOfB = hashed(KEY_OF_B, user);
      assertEquals(session, request.header("X-Session-Id"));
      assertEquals(
          "session.id=" + session + ",user.id=" + userOfB + ";parley.hashed", request.header("baggage"));
      assertFalse(allHeaders(request).contains(user), "the raw user id never travels");
    }
  }

  @Test
  void serviceBWithoutALlmHostsEntryStillKeepsTheProviderPathFree() throws Exception {
    // B's call is also recognised as an LLM API call by its path: no session data even when the
    // provider's host:port is not configured
    try (InstrumentedApp unconfigured =
        launchB("relay-b-no-llm-hosts", Map.of("parley.llm.hosts", ""))) {
      String session = "relay-by-path-" + UUID.randomUUID();

      SmokeHttp.Response response =
          unconfigured.get("/b?via=okhttp", "X-Session-Id", session, "X-User-Id", "zoe");
      assertEquals("b(200)", response.body());

      ReceivedSpan b =
          unconfigured.awaitSpans(span -> span.isServer() && session.equals(span.string("session.id")), 1).get(0);
      List<RecordedRequest> toLlm = llmRequestsOfTrace(b.traceId());
      assertEquals(1, toLlm.size());
      assertNull(toLlm.get(0).header("X-Session-Id"));
      assertNull(toLlm.get(0).header("baggage"));
      assertNotNull(toLlm.get(0).header("traceparent"));
      assertTrue(toLlm.get(0).header("traceparent").contains(b.traceId()));
    }
  }
}
