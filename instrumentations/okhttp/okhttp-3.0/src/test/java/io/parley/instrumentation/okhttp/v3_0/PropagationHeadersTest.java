package io.parley.instrumentation.okhttp.v3_0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.RecordingPropagationHooks;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The propagation headers as a local server receives them through Parley's interceptor: once per
 * call, synchronous or enqueued, not again when OkHttp follows a redirect, never over the
 * application's own; run on OkHttp 3, 4 and 5.
 */
class PropagationHeadersTest {

  private final RecordingPropagationHooks propagation = new RecordingPropagationHooks();
  private final RecordingLlmHooks llm = new RecordingLlmHooks();
  private final OkHttpClient client = OkHttpClients.instrumented();
  private ScriptedHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedHttpServer();
    ParleyBridge.installPropagation(propagation);
    ParleyBridge.installLlm(llm);
  }

  @AfterEach
  void stop() {
    ParleyBridge.installPropagation(null);
    ParleyBridge.installLlm(null);
    server.close();
  }

  private Map<String, List<String>> lastHeaders() {
    return server.requestHeaders.get(server.requestHeaders.size() - 1);
  }

  private static List<String> header(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null ? Collections.<String>emptyList() : values;
  }

  private static void assertPropagated(Map<String, List<String>> headers) {
    assertEquals(
        Collections.singletonList(RecordingPropagationHooks.TRACEPARENT),
        header(headers, "traceparent"));
    assertEquals(
        Collections.singletonList(RecordingPropagationHooks.SESSION), header(headers, "X-Session-Id"));
    assertEquals(
        Collections.singletonList(RecordingPropagationHooks.BAGGAGE), header(headers, "baggage"));
  }

  private String get(OkHttpClient with, Request request) throws IOException {
    try (Response response = with.newCall(request).execute()) {
      return response.body().string();
    }
  }

  @Test
  void aCallGetsTheHeadersOnceAndNothingElseChanges() throws IOException {
    Request request = new Request.Builder().url(server.url("/other")).header("X-App", "1").build();
    get(OkHttpClients.plain(), request);
    Map<String, List<String>> withoutParley = lastHeaders();

    assertEquals("not an LLM", get(client, request));

    Map<String, List<String>> received = lastHeaders();
    assertPropagated(received);
    received.keySet().removeAll(Arrays.asList("traceparent", "X-Session-Id", "baggage"));
    assertEquals(withoutParley, received);
    assertEquals(Collections.singletonList("GET " + server.url("/other")), propagation.requests());
    assertNull(request.header("traceparent"), "the application's request object is unchanged");
  }

  @Test
  void anEnqueuedCallGetsThemToo() throws Exception {
    final CompletableFuture<String> body = new CompletableFuture<>();
    client
        .newCall(new Request.Builder().url(server.url("/other")).build())
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                body.completeExceptionally(e);
              }

              @Override
              public void onResponse(Call call, Response response) throws IOException {
                body.complete(response.body().string());
              }
            });

    assertEquals("not an LLM", body.get(10, TimeUnit.SECONDS));
    assertPropagated(lastHeaders());
  }

  @Test
  void theApplicationsOwnHeadersWinAndItsBaggageIsMerged() throws IOException {
    Request request =
        new Request.Builder()
            .url(server.url("/other"))
            .header("traceparent", "00-11111111111111111111111111111111-2222222222222222-01")
            .header("X-Session-Id", "own")
            .addHeader("baggage", "tenant=acme")
            .addHeader("Baggage", "k=v")
            .build();

    get(client, request);

    Map<String, List<String>> received = lastHeaders();
    assertEquals(
        Collections.singletonList("00-11111111111111111111111111111111-2222222222222222-01"),
        header(received, "traceparent"));
    assertEquals(Collections.singletonList("own"), header(received, "X-Session-Id"));
    assertEquals(
        Collections.singletonList("tenant=acme,k=v," + RecordingPropagationHooks.BAGGAGE),
        header(received, "baggage"));
  }

  @Test
  void aRedirectIsFollowedWithTheSameHeadersNotAddedAgain() throws IOException {
    assertEquals("not an LLM", get(client, new Request.Builder().url(server.url("/redirect")).build()));

    assertEquals(2, server.requestHeaders.size());
    assertPropagated(server.requestHeaders.get(0));
    assertPropagated(server.requestHeaders.get(1));
    assertEquals(1, propagation.requests().size());
  }

  @Test
  void anLlmCallCarriesThemAndIsStillRecorded() throws IOException {
    Request request =
        new Request.Builder()
            .url(server.url("/v1/chat/completions"))
            .post(RequestBody.create(MediaType.parse("application/json"), "{\"model\":\"m\"}"))
            .build();

    assertEquals(ScriptedHttpServer.JSON, get(client, request));

    assertEquals("{\"model\":\"m\"}", llm.requestBody.toString("UTF-8"));
    assertEquals(
        Collections.singletonList("POST " + server.url("/v1/chat/completions")),
        propagation.requests());
  }
}
