package io.parley.instrumentation.okhttp.v3_0;

import static io.parley.instrumentation.okhttp.v3_0.ScriptedHttpServer.EVENT_1;
import static io.parley.instrumentation.okhttp.v3_0.ScriptedHttpServer.EVENT_2;
import static io.parley.instrumentation.okhttp.v3_0.ScriptedHttpServer.JSON;
import static io.parley.instrumentation.okhttp.v3_0.ScriptedHttpServer.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the interceptor hands to the bridge for LLM calls, and that other calls are left alone. */
class LlmInterceptorTest {

  private static final MediaType JSON_TYPE = MediaType.parse("application/json");
  private static final String REQUEST = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";

  private final RecordingLlmHooks hooks = new RecordingLlmHooks();
  private ScriptedHttpServer server;
  private final OkHttpClient client = OkHttpClients.instrumented();

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedHttpServer();
    ParleyBridge.installLlm(hooks);
  }

  @AfterEach
  void stop() {
    ParleyBridge.installLlm(null);
    server.close();
  }

  private Request post(String path) {
    return new Request.Builder()
        .url(server.url(path))
        .header("Authorization", "Bearer sk-test-123")
        .post(RequestBody.create(JSON_TYPE, REQUEST))
        .build();
  }

  @Test
  void nonLlmRequestOnlyAsksWhetherItIsOne() throws IOException {
    try (Response response = client.newCall(post("/other")).execute()) {
      assertEquals("not an LLM", response.body().string());
    }
    assertEquals(Arrays.asList("start POST " + server.url("/other")), hooks.events());
    assertEquals(0, hooks.requestBody.size());
  }

  @Test
  void nonStreamingCallIsRecordedOnceWithBothBodies() throws IOException {
    String read;
    try (Response response = client.newCall(post("/v1/chat/completions")).execute()) {
      read = response.body().string();
    }
    assertEquals(JSON, read);
    assertEquals(REQUEST, hooks.requestBody.toString("UTF-8"));
    assertArrayEquals(bytes(JSON), hooks.responseBytes());
    assertEquals(
        Arrays.asList(
            "start POST " + server.url("/v1/chat/completions"),
            "head 200 application/json",
            "end ok"),
        hooks.events());
    assertNull(hooks.contentEncoding);
    assertArrayEquals(bytes(REQUEST), server.lastRequestBody, "the server got the body once, whole");
  }

  @Test
  void streamReachesTheCallAsTheApplicationReadsItWithoutReadingAhead() throws Exception {
    server.streamGate = new CountDownLatch(1);
    try (Response response = client.newCall(post("/v1/stream")).execute()) {
      BufferedSource source = response.body().source();
      // the server holds back the rest until the application has the first event: any read
      // ahead of the application would block here
      String first =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5), () -> source.readUtf8Line() + "\n" + source.readUtf8Line() + "\n");
      assertEquals(EVENT_1, first);
      assertEquals(EVENT_1, new String(hooks.responseBytes(), "UTF-8"));
      assertEquals(0, hooks.ends, "the call is still open mid-stream");
      server.streamGate.countDown();
      assertEquals(EVENT_2, source.readUtf8());
    }
    assertEquals(EVENT_1 + EVENT_2, new String(hooks.responseBytes(), "UTF-8"));
    assertEquals(1, hooks.ends);
    assertNull(hooks.endError);
  }

  @Test
  void transparentGzipIsSeenDecoded() throws IOException {
    try (Response response = client.newCall(post("/v1/gzip")).execute()) {
      assertEquals(JSON, response.body().string());
    }
    assertArrayEquals(bytes(JSON), hooks.responseBytes());
    assertNull(hooks.contentEncoding, "OkHttp decoded it and removed the header");
  }

  @Test
  void gzipTheApplicationAskedForIsSeenEncodedLikeTheApplicationSeesIt() throws IOException {
    Request request = post("/v1/gzip").newBuilder().header("Accept-Encoding", "gzip").build();
    byte[] read;
    try (Response response = client.newCall(request).execute()) {
      read = response.body().bytes();
    }
    assertEquals(0x1f, read[0] & 0xff, "still gzip");
    assertArrayEquals(read, hooks.responseBytes());
    assertEquals("gzip", hooks.contentEncoding);
  }

  @Test
  void closingAStreamEarlyEndsTheCallOnceWithWhatWasSeen() throws Exception {
    server.streamGate = new CountDownLatch(1);
    Response response = client.newCall(post("/v1/stream")).execute();
    response.body().source().readUtf8Line();
    response.close();
    server.streamGate.countDown();
    assertEquals(1, hooks.ends);
    assertNull(hooks.endError);
    assertTrue(new String(hooks.responseBytes(), "UTF-8").startsWith("data: "));
  }

  @Test
  void streamCutShortEndsTheCallWithTheApplicationsError() throws IOException {
    IOException seen;
    try (Response response = client.newCall(post("/v1/cut")).execute()) {
      seen = assertThrows(IOException.class, () -> response.body().string());
    }
    assertEquals(1, hooks.ends);
    assertEquals(seen, hooks.endError);
    assertArrayEquals(bytes(EVENT_1), hooks.responseBytes());
  }

  @Test
  void failedConnectionEndsTheCallWithTheApplicationsError() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + closedPort + "/v1/chat/completions")
            .post(RequestBody.create(JSON_TYPE, REQUEST))
            .build();
    IOException seen = assertThrows(IOException.class, () -> client.newCall(request).execute());
    assertEquals(1, hooks.ends);
    assertEquals(seen, hooks.endError);
  }

  @Test
  void errorStatusIsRecordedAndItsBodyRead() throws IOException {
    try (Response response = client.newCall(post("/v1/rate-limited")).execute()) {
      assertEquals(429, response.code());
      assertEquals(ScriptedHttpServer.ERROR_JSON, response.body().string());
    }
    assertEquals("head 429 application/json", hooks.events().get(1));
    assertArrayEquals(bytes(ScriptedHttpServer.ERROR_JSON), hooks.responseBytes());
    assertEquals(1, hooks.ends);
  }

  @Test
  void oneShotRequestBodyIsWrittenOnlyByOkHttp() throws IOException {
    int[] writes = new int[1];
    RequestBody oneShot =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return JSON_TYPE;
          }

          @Override
          public long contentLength() {
            return REQUEST.length();
          }

          @Override
          public boolean isOneShot() {
            return true;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            writes[0]++;
            sink.writeUtf8(REQUEST);
          }
        };
    Request request =
        new Request.Builder().url(server.url("/v1/chat/completions")).post(oneShot).build();
    try (Response response = client.newCall(request).execute()) {
      assertEquals(JSON, response.body().string());
    }
    assertEquals(1, writes[0]);
    assertEquals(0, hooks.requestBody.size());
    assertArrayEquals(bytes(REQUEST), server.lastRequestBody);
    assertArrayEquals(bytes(JSON), hooks.responseBytes(), "the response is still recorded");
  }

  @Test
  void asynchronousCallIsRecorded() throws Exception {
    CompletableFuture<String> body = new CompletableFuture<>();
    client
        .newCall(post("/v1/chat/completions"))
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                body.completeExceptionally(e);
              }

              @Override
              public void onResponse(Call call, Response response) throws IOException {
                try (Response r = response) {
                  body.complete(r.body().string());
                }
              }
            });
    assertEquals(JSON, body.get(10, TimeUnit.SECONDS));
    assertArrayEquals(bytes(JSON), hooks.responseBytes());
    assertEquals(1, hooks.ends);
  }

  @Test
  void webSocketUpgradeIsNotAnLlmCall() throws IOException {
    Request request =
        new Request.Builder()
            .url(server.url("/v1/chat/completions"))
            .header("Upgrade", "websocket")
            .build();
    try (Response response = client.newCall(request).execute()) {
      assertNotNull(response.body());
    }
    assertTrue(hooks.events().isEmpty());
  }
}
