package io.parley.instrumentation.jdkhttp;

import static io.parley.instrumentation.testing.LocalLlmServer.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.LocalLlmServer;
import io.parley.instrumentation.testing.RecordingLlmHooks;
import io.parley.instrumentation.testing.RecordingPropagationHooks;
import io.parley.instrumentation.testing.TestAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The propagation headers as a local server receives them from the instrumented
 * {@code HttpClient}: once per request, through send and sendAsync, alongside the application's
 * own headers and body, and not again on a redirect.
 */
class JdkHttpClientPropagationTest {

  private static final RecordingPropagationHooks propagation = new RecordingPropagationHooks();
  private static final RecordingLlmHooks llm = new RecordingLlmHooks(LocalLlmServer.CHAT);
  private static LocalLlmServer server;
  private static HttpClient client;

  @BeforeAll
  static void install() throws IOException {
    TestAgent.install(new JdkHttpClientInstrumentationModule());
    ParleyBridge.installPropagation(propagation);
    ParleyBridge.installLlm(llm);
    server = new LocalLlmServer();
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @AfterAll
  static void stop() {
    ParleyBridge.installPropagation(null);
    ParleyBridge.installLlm(null);
    server.close();
  }

  @BeforeEach
  void clear() {
    propagation.clear();
    llm.clear();
  }

  private static Map<String, List<String>> lastHeaders() {
    List<Map<String, List<String>>> all = server.requestHeaders();
    return all.get(all.size() - 1);
  }

  private static void assertPropagated(Map<String, List<String>> headers) {
    assertEquals(List.of(RecordingPropagationHooks.TRACEPARENT), header(headers, "traceparent"));
    assertEquals(List.of(RecordingPropagationHooks.SESSION), header(headers, "X-Session-Id"));
    assertEquals(List.of(RecordingPropagationHooks.BAGGAGE), header(headers, "baggage"));
  }

  @Test
  void sendAddsTheHeadersOnceAndChangesNothingElse() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.base() + "/plain")).header("X-App", "1").build();
    ParleyBridge.installPropagation(null);
    client.send(request, HttpResponse.BodyHandlers.ofString());
    Map<String, List<String>> withoutPropagation = lastHeaders();
    ParleyBridge.installPropagation(propagation);

    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals("ok", response.body());
    Map<String, List<String>> received = lastHeaders();
    assertPropagated(received);
    Map<String, List<String>> others = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    others.putAll(received);
    others.keySet().removeAll(List.of("traceparent", "x-session-id", "baggage"));
    assertEquals(new TreeMap<>(withoutPropagation), new TreeMap<>(others));
    assertEquals(List.of("GET " + server.base() + "/plain"), propagation.requests());
    assertTrue(request.headers().allValues("traceparent").isEmpty(), "the application's request is unchanged");
  }

  @Test
  void sendAsyncAddsTheHeadersOnTheCallersThreadAndTheBodyGoesOutAsIs() throws Exception {
    String body = "{\"order\":7,\"note\":\"caf\u00e9\"}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.base() + "/orders"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();

    client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);

    assertPropagated(lastHeaders());
    assertEquals(List.of("application/json"), header(lastHeaders(), "Content-Type"));
    List<byte[]> bodies = server.requests();
    assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), bodies.get(bodies.size() - 1));
    assertEquals(List.of(Thread.currentThread().getName()), propagation.threads());
  }

  @Test
  void theApplicationsTraceContextAndSessionHeaderWinAndItsBaggageIsMerged() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.base() + "/plain"))
            .header("traceparent", "00-11111111111111111111111111111111-2222222222222222-01")
            .header("X-Session-Id", "own")
            .header("baggage", "tenant=acme")
            .build();

    client.send(request, HttpResponse.BodyHandlers.discarding());

    Map<String, List<String>> received = lastHeaders();
    assertEquals(
        List.of("00-11111111111111111111111111111111-2222222222222222-01"),
        header(received, "traceparent"));
    assertEquals(List.of("own"), header(received, "X-Session-Id"));
    assertEquals(
        List.of("tenant=acme," + RecordingPropagationHooks.BAGGAGE), header(received, "baggage"));
  }

  @Test
  void aRedirectIsFollowedWithTheSameHeadersNotAddedAgain() throws Exception {
    int before = server.requestHeaders().size();

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/redirect/plain")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals("ok", response.body());
    List<Map<String, List<String>>> received = server.requestHeaders();
    assertEquals(before + 2, received.size());
    assertPropagated(received.get(before));
    assertPropagated(received.get(before + 1));
    assertEquals(1, propagation.requests().size());
  }

  @Test
  void anLlmCallCarriesTheHeadersAndIsStillRecordedOnce() throws Exception {
    String json = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url("json")))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();

    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());

    assertArrayEquals(LocalLlmServer.JSON, response.body());
    assertPropagated(lastHeaders());
    RecordingLlmHooks.RecordedCall call = llm.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
    assertEquals(1, llm.calls().size());
    assertEquals(json, new String(call.requestBytes(), StandardCharsets.UTF_8));
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
  }
}
