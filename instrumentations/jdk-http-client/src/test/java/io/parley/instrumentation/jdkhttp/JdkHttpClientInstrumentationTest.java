package io.parley.instrumentation.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.LocalLlmServer;
import io.parley.instrumentation.testing.RecordingLlmHooks;
import io.parley.instrumentation.testing.RecordingLlmHooks.RecordedCall;
import io.parley.instrumentation.testing.TestAgent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The advice inlined into the running JDK's {@code HttpClientImpl}, against a loopback server:
 * what the application gets is exactly what the server sent, and the bridge sees each LLM call
 * once, with its request body, head, body and one end.
 */
class JdkHttpClientInstrumentationTest {

  private static final String REQUEST =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi \u00e9\"}]}";

  private static final RecordingLlmHooks hooks = new RecordingLlmHooks(LocalLlmServer.CHAT);
  private static LocalLlmServer server;
  private static HttpClient client;

  @BeforeAll
  static void install() throws IOException {
    TestAgent.install(new JdkHttpClientInstrumentationModule());
    ParleyBridge.installLlm(hooks);
    server = new LocalLlmServer();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<String> transformed = TestAgent.install(new JdkHttpClientInstrumentationModule());
    assertTrue(
        transformed.contains(JdkHttpClientInstrumentationModule.CLIENT_IMPL),
        "transformed: " + transformed);
  }

  @AfterAll
  static void stop() {
    ParleyBridge.installLlm(null);
    server.close();
  }

  @BeforeEach
  void clear() {
    hooks.clear();
  }

  private static HttpRequest post(String way) {
    return HttpRequest.newBuilder(URI.create(server.url(way)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
        .build();
  }

  private static Map<String, List<String>> lastHeaders() {
    List<Map<String, List<String>>> all = server.requestHeaders();
    return all.get(all.size() - 1);
  }

  private static byte[] lastRequest() {
    List<byte[]> requests = server.requests();
    return requests.get(requests.size() - 1);
  }

  private static RecordedCall onlyCall() {
    List<RecordedCall> calls = hooks.calls();
    assertEquals(1, calls.size(), "calls: " + calls);
    return calls.get(0);
  }

  @Test
  void sendReportsRequestHeadBodyAndEndsBeforeReturning() throws Exception {
    HttpResponse<byte[]> response =
        client.send(post("json"), HttpResponse.BodyHandlers.ofByteArray());

    RecordedCall call = onlyCall();
    assertEquals(1, call.ends(), "ended before send returned");
    assertNull(call.error());
    assertArrayEquals(LocalLlmServer.JSON, response.body());
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
    assertEquals(REQUEST, new String(call.requestBytes(), StandardCharsets.UTF_8));
    assertEquals(List.of(200), call.statuses());
    assertEquals("application/json", call.contentType());
    assertEquals("POST", call.method);
    assertEquals(server.url("json"), call.url);
    assertEquals(REQUEST, new String(lastRequest(), StandardCharsets.UTF_8));
  }

  @Test
  void sendAsyncEndsBeforeTheFutureCompletesAndStartsOnTheCallersThread() throws Exception {
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(post("json"), HttpResponse.BodyHandlers.ofString());
    String body = future.get(10, TimeUnit.SECONDS).body();

    RecordedCall call = onlyCall();
    assertEquals(Thread.currentThread().getName(), call.startThread);
    assertEquals(1, call.ends());
    assertEquals(new String(LocalLlmServer.JSON, StandardCharsets.UTF_8), body);
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
    assertEquals(REQUEST, new String(call.requestBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void sendAsyncWithThePushPromiseOverloadIsOneCall() throws Exception {
    client
        .sendAsync(post("json"), HttpResponse.BodyHandlers.ofString(), null)
        .get(10, TimeUnit.SECONDS);
    assertEquals(1, onlyCall().ends());
  }

  @Test
  void streamedLinesArriveUnchangedAndTheCallEndsWithTheStream() throws Exception {
    HttpResponse<java.util.stream.Stream<String>> response =
        client.send(post("sse"), HttpResponse.BodyHandlers.ofLines());
    String lines = response.body().collect(Collectors.joining("\n", "", "\n"));

    String expected = new String(LocalLlmServer.sse(), StandardCharsets.UTF_8);
    assertEquals(expected.replace("\n\n", "\n\n").trim(), lines.trim());
    RecordedCall call = hooks.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
    assertEquals(1, call.ends());
    assertArrayEquals(LocalLlmServer.sse(), call.responseBytes());
    assertEquals("text/event-stream", call.contentType());
    assertEquals(0, call.bodyEventsAfterEnd());
  }

  @Test
  void streamedInputStreamIsByteForByteTheServersAnswer() throws Exception {
    HttpResponse<InputStream> response =
        client.send(post("sse"), HttpResponse.BodyHandlers.ofInputStream());
    byte[] read;
    try (InputStream in = response.body()) {
      read = LocalLlmServer.readAll(in);
    }
    assertArrayEquals(LocalLlmServer.sse(), read);
    RecordedCall call = hooks.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
    assertArrayEquals(LocalLlmServer.sse(), call.responseBytes());
  }

  @Test
  void gzipBodyIsPassedCompressedAndReportedWithItsEncoding() throws Exception {
    HttpResponse<byte[]> response =
        client.send(post("gzip"), HttpResponse.BodyHandlers.ofByteArray());
    assertArrayEquals(LocalLlmServer.gzip(LocalLlmServer.JSON), response.body());
    RecordedCall call = onlyCall();
    assertEquals("gzip", call.contentEncoding());
    assertArrayEquals(response.body(), call.responseBytes());
  }

  @Test
  void chunkedGzipStreamIsPassedAsSent() throws Exception {
    HttpResponse<InputStream> response =
        client.send(post("gzsse"), HttpResponse.BodyHandlers.ofInputStream());
    byte[] expected = LocalLlmServer.gzip(LocalLlmServer.sse());
    assertArrayEquals(expected, LocalLlmServer.readAll(response.body()));
    RecordedCall call = hooks.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
    assertEquals("gzip", call.contentEncoding());
    assertArrayEquals(expected, call.responseBytes());
  }

  @Test
  void errorStatusReachesTheApplicationUnchanged() throws Exception {
    HttpResponse<String> response =
        client.send(post("status/429"), HttpResponse.BodyHandlers.ofString());
    assertEquals(429, response.statusCode());
    assertEquals(new String(LocalLlmServer.ERROR, StandardCharsets.UTF_8), response.body());
    RecordedCall call = onlyCall();
    assertEquals(List.of(429), call.statuses());
    assertEquals(1, call.ends());
    assertArrayEquals(LocalLlmServer.ERROR, call.responseBytes());
  }

  @Test
  void refusedConnectionEndsTheCallWithTheSameErrorTheApplicationSees() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LocalLlmServer.CHAT))
            .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
            .build();
    ConnectException thrown =
        assertThrows(
            ConnectException.class,
            () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
    RecordedCall call = onlyCall();
    assertEquals(1, call.ends(), "ended before send threw");
    assertEquals(thrown, call.error());

    hooks.clear();
    ExecutionException async =
        assertThrows(
            ExecutionException.class,
            () -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get());
    assertInstanceOf(ConnectException.class, async.getCause());
    call = hooks.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
    assertInstanceOf(ConnectException.class, call.error());
  }

  @Test
  void timeoutEndsTheCall() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url("slow")))
            .timeout(Duration.ofMillis(300))
            .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
            .build();
    assertThrows(
        HttpTimeoutException.class,
        () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
    assertInstanceOf(HttpTimeoutException.class, onlyCall().error());
  }

  @Test
  void cancelledFutureEndsTheCall() throws Exception {
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(post("slow"), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(200);
    future.cancel(true);
    // the JDK itself races here, with or without the agent: join() throws the cancellation
    // either bare or wrapped in a CompletionException
    Exception thrown = assertThrows(Exception.class, future::join);
    assertTrue(
        thrown instanceof CancellationException
            || thrown.getCause() instanceof CancellationException,
        thrown.toString());
    RecordedCall call = hooks.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
    assertNotNull(call.error());
  }

  @Test
  void streamClosedEarlyEndsTheCall() throws Exception {
    HttpResponse<InputStream> response =
        client.send(post("sse"), HttpResponse.BodyHandlers.ofInputStream());
    InputStream in = response.body();
    assertTrue(in.read(new byte[10]) > 0);
    in.close();
    RecordedCall call = hooks.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
    assertEquals(1, call.ends());
  }

  @Test
  void streamCutShortEndsTheCallWithAnError() throws Exception {
    HttpResponse<InputStream> response =
        client.send(post("cut"), HttpResponse.BodyHandlers.ofInputStream());
    assertThrows(IOException.class, () -> LocalLlmServer.readAll(response.body()));
    RecordedCall call = hooks.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
    assertNotNull(call.error());
    assertTrue(call.responseBytes().length > 0);
  }

  @Test
  void oneShotPublisherIsSeenAsTheClientPullsItAndTheServerGetsItWhole() throws Exception {
    byte[] body = REQUEST.getBytes(StandardCharsets.UTF_8);
    AtomicInteger opened = new AtomicInteger();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url("json")))
            .header("X-App", "kept")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> {
                      opened.incrementAndGet();
                      return new ByteArrayInputStream(body);
                    }))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertArrayEquals(body, onlyCall().requestBytes());
    assertArrayEquals(body, lastRequest());
    assertEquals(1, opened.get(), "the application's stream was opened once, by the client");
    assertEquals(List.of("kept"), LocalLlmServer.header(lastHeaders(), "X-App"));
  }

  @Test
  void aCustomPublisherOfManyChunksIsSeenWhole() throws Exception {
    byte[] body = REQUEST.getBytes(StandardCharsets.UTF_8);
    List<ByteBuffer> chunks = new ArrayList<>();
    for (int at = 0; at < body.length; at += 7) {
      chunks.add(ByteBuffer.wrap(body, at, Math.min(7, body.length - at)).slice());
    }
    SubmissionPublisher<ByteBuffer> source = new SubmissionPublisher<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url("json")))
            .POST(HttpRequest.BodyPublishers.fromPublisher(source))
            .build();
    CompletableFuture<HttpResponse<String>> answer =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    while (source.getNumberOfSubscribers() == 0 && !answer.isDone()) {
      Thread.sleep(5);
    }
    chunks.forEach(source::submit);
    source.close();

    assertEquals(200, answer.get(10, TimeUnit.SECONDS).statusCode());
    assertArrayEquals(body, onlyCall().requestBytes());
    assertArrayEquals(body, lastRequest());
  }

  @Test
  void byteArrayPublisherIsReadAndStillSentWhole() throws Exception {
    byte[] body = REQUEST.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[body.length + 4];
    System.arraycopy(body, 0, padded, 2, body.length);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url("json")))
            .POST(HttpRequest.BodyPublishers.ofByteArray(padded, 2, body.length))
            .build();
    client.send(request, HttpResponse.BodyHandlers.ofString());
    assertArrayEquals(body, onlyCall().requestBytes());
    assertArrayEquals(body, lastRequest());
  }

  @Test
  void httpsWithTheDefaultProtocolVersionIsOneCall() throws Exception {
    try (LocalLlmServer https = LocalLlmServer.https()) {
      HttpClient tlsClient = HttpClient.newBuilder().sslContext(https.clientTls()).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(https.url("sse")))
              .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
              .build();
      HttpResponse<InputStream> response =
          tlsClient.send(request, HttpResponse.BodyHandlers.ofInputStream());
      assertArrayEquals(LocalLlmServer.sse(), LocalLlmServer.readAll(response.body()));
      RecordedCall call = hooks.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
      assertEquals(https.url("sse"), call.url);
      assertEquals(REQUEST, new String(call.requestBytes(), StandardCharsets.UTF_8));
      assertArrayEquals(LocalLlmServer.sse(), call.responseBytes());
      assertEquals(1, hooks.calls().size());
    }
  }

  @Test
  void otherRequestsAreLeftAlone() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/other")).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals("ok", response.body());
    assertTrue(hooks.calls().isEmpty());
  }

  @Test
  void withoutTheAgentsHooksTheClientWorksAsBefore() throws Exception {
    ParleyBridge.installLlm(null);
    try {
      HttpResponse<byte[]> response =
          client.send(post("json"), HttpResponse.BodyHandlers.ofByteArray());
      assertArrayEquals(LocalLlmServer.JSON, response.body());
      assertTrue(hooks.calls().isEmpty());
    } finally {
      ParleyBridge.installLlm(hooks);
    }
  }
}
