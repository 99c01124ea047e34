package io.parley.instrumentation.springwebclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.LocalLlmServer;
import io.parley.instrumentation.testing.RecordingLlmHooks;
import io.parley.instrumentation.testing.RecordingLlmHooks.RecordedCall;
import io.parley.instrumentation.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.HttpComponentsClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.JettyClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * LLM calls sent with Spring's WebClient through the connectors that no transport advice sees:
 * what the connector writes and what the application's decoder receives reach the agent, exactly
 * and once, and the application gets what it would have had.
 */
class WebClientLlmCallsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String REQUEST =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi \u00e9\"}]}";

  /** The connectors recorded at the connector. */
  enum Connector {
    REACTOR_NETTY(ReactorClientHttpConnector::new),
    JETTY(JettyClientHttpConnector::new),
    HTTP_COMPONENTS(HttpComponentsClientHttpConnector::new);

    final Supplier<ClientHttpConnector> create;

    Connector(Supplier<ClientHttpConnector> create) {
      this.create = create;
    }

    WebClient client() {
      return WebClient.builder().clientConnector(create.get()).build();
    }
  }

  private static LocalLlmServer server;
  private final RecordingLlmHooks llm = new RecordingLlmHooks(LocalLlmServer.CHAT);

  @BeforeAll
  static void start() throws IOException {
    TestAgent.install(new SpringWebClientInstrumentationModule());
    server = new LocalLlmServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void record() {
    ParleyBridge.installLlm(llm);
  }

  @AfterEach
  void uninstall() {
    ParleyBridge.installLlm(null);
  }

  private static Mono<String> post(WebClient client, String url) {
    return client
        .post()
        .uri(url)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(REQUEST)
        .retrieve()
        .bodyToMono(String.class);
  }

  private RecordedCall onlyCall() throws InterruptedException {
    List<RecordedCall> calls = llm.awaitEnded(1, 10, TimeUnit.SECONDS);
    assertEquals(1, calls.size(), "calls: " + calls);
    RecordedCall call = calls.get(0);
    assertEquals(1, call.ends(), "ended once: " + call);
    return call;
  }

  @ParameterizedTest
  @EnumSource(Connector.class)
  void aJsonAnswerIsSeenWholeAndReachesTheApplicationUnchanged(Connector connector)
      throws Exception {
    String answer = post(connector.client(), server.url("json")).block(TIMEOUT);

    assertEquals(new String(LocalLlmServer.JSON, StandardCharsets.UTF_8), answer);
    RecordedCall call = onlyCall();
    assertEquals("POST", call.method);
    assertEquals(server.url("json"), call.url);
    assertEquals(REQUEST, new String(call.requestBytes(), StandardCharsets.UTF_8));
    assertArrayEquals(REQUEST.getBytes(StandardCharsets.UTF_8), lastRequestReceived());
    assertEquals(List.of(200), call.statuses());
    assertTrue(call.contentType().startsWith("application/json"), call.contentType());
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
    assertNull(call.error());
    assertEquals(0, call.bodyEventsAfterEnd());
  }

  @ParameterizedTest
  @EnumSource(Connector.class)
  void aStreamIsSeenAsItPassesAndTheApplicationGetsEveryByte(Connector connector)
      throws Exception {
    Flux<DataBuffer> body =
        connector
            .client()
            .post()
            .uri(server.url("sse"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(REQUEST)
            .retrieve()
            .bodyToFlux(DataBuffer.class);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    body.doOnNext(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              received.write(bytes, 0, bytes.length);
              DataBufferUtils.release(buffer);
            })
        .blockLast(TIMEOUT);

    assertArrayEquals(LocalLlmServer.sse(), received.toByteArray());
    RecordedCall call = onlyCall();
    assertArrayEquals(LocalLlmServer.sse(), call.responseBytes());
    assertTrue(call.contentType().startsWith("text/event-stream"), call.contentType());
    assertNull(call.error());
  }

  @ParameterizedTest
  @EnumSource(Connector.class)
  void anErrorStatusIsSeenWithItsBodyAndTheApplicationGetsItsException(Connector connector)
      throws Exception {
    WebClientResponseException thrown =
        assertThrows(
            WebClientResponseException.class,
            () -> post(connector.client(), server.url("status/429")).block(TIMEOUT));

    assertEquals(429, thrown.getStatusCode().value());
    assertEquals(
        new String(LocalLlmServer.ERROR, StandardCharsets.UTF_8), thrown.getResponseBodyAsString());
    RecordedCall call = onlyCall();
    assertEquals(List.of(429), call.statuses());
    assertArrayEquals(LocalLlmServer.ERROR, call.responseBytes());
  }

  @ParameterizedTest
  @EnumSource(Connector.class)
  void aRefusedConnectionEndsTheCallWithItsError(Connector connector) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + LocalLlmServer.CHAT;

    assertThrows(RuntimeException.class, () -> post(connector.client(), url).block(TIMEOUT));

    RecordedCall call = onlyCall();
    assertNotNull(call.error());
    assertEquals(List.of(), call.statuses());
  }

  @ParameterizedTest
  @EnumSource(Connector.class)
  void anApplicationThatStopsReadingEndsTheCallWithWhatWasSeen(Connector connector)
      throws Exception {
    String first =
        connector
            .client()
            .post()
            .uri(server.url("sse"))
            .bodyValue(REQUEST)
            .retrieve()
            .bodyToFlux(String.class)
            .blockFirst(TIMEOUT);

    assertNotNull(first);
    RecordedCall call = onlyCall();
    assertNull(call.error());
    assertTrue(call.responseBytes().length > 0);
  }

  @ParameterizedTest
  @EnumSource(Connector.class)
  void everySubscriptionIsItsOwnCall(Connector connector) throws Exception {
    Mono<String> answer = post(connector.client(), server.url("json"));

    answer.block(TIMEOUT);
    answer.block(TIMEOUT);

    List<RecordedCall> calls = llm.awaitEnded(2, 10, TimeUnit.SECONDS);
    assertEquals(2, calls.size(), "calls: " + calls);
    for (RecordedCall call : calls) {
      assertEquals(REQUEST, new String(call.requestBytes(), StandardCharsets.UTF_8));
      assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
    }
  }

  @ParameterizedTest
  @EnumSource(Connector.class)
  void aLargeRequestBodyIsSeenUpToTheLimitAndSentWhole(Connector connector) throws Exception {
    byte[] large = new byte[(int) WebClientLlmExchanges.REQUEST_LIMIT + 700_000];
    Arrays.fill(large, (byte) 'x');

    connector
        .client()
        .post()
        .uri(server.url("json"))
        .bodyValue(large)
        .retrieve()
        .bodyToMono(String.class)
        .block(TIMEOUT);

    RecordedCall call = onlyCall();
    assertEquals(WebClientLlmExchanges.REQUEST_LIMIT, call.requestBytes().length);
    assertArrayEquals(large, lastRequestReceived());
  }

  @ParameterizedTest
  @EnumSource(Connector.class)
  void otherRequestsAreNotCalls(Connector connector) {
    String answer =
        connector
            .client()
            .post()
            .uri(server.base() + "/other")
            .bodyValue(REQUEST)
            .retrieve()
            .bodyToMono(String.class)
            .block(TIMEOUT);

    assertEquals("ok", answer);
    assertEquals(List.of(), llm.calls());
    assertArrayEquals(REQUEST.getBytes(StandardCharsets.UTF_8), lastRequestReceived());
  }

  @org.junit.jupiter.api.Test
  void theJdkConnectorIsLeftToTheJavaNetHttpAdvice() {
    WebClient client = WebClient.builder().clientConnector(new JdkClientHttpConnector()).build();

    post(client, server.url("json")).block(TIMEOUT);

    assertEquals(List.of(), llm.calls());
  }

  private static byte[] lastRequestReceived() {
    List<byte[]> requests = server.requests();
    return requests.get(requests.size() - 1);
  }
}
