package io.parley.instrumentation.okhttp.v3_0;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.bootstrap.LlmHooks;
import io.parley.bootstrap.ParleyBridge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application reads the same status, headers, bytes and exceptions with Parley's interceptor
 * as without it, whatever the agent's hooks do, including throwing.
 */
class ApplicationViewTest {

  private ScriptedHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedHttpServer();
  }

  @AfterEach
  void stop() {
    ParleyBridge.installLlm(null);
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/chat/completions",
        "/v1/stream",
        "/v1/gzip",
        "/v1/gzip accept-gzip",
        "/v1/rate-limited",
        "/other"
      })
  void sameResponseWithAndWithoutTheInterceptor(String endpoint) throws IOException {
    ParleyBridge.installLlm(new RecordingLlmHooks());
    assertSameView(endpoint);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/chat/completions", "/v1/stream", "/v1/gzip", "/v1/rate-limited"})
  void sameResponseWhenTheHooksThrow(String endpoint) throws IOException {
    ParleyBridge.installLlm(new ThrowingHooks());
    assertSameView(endpoint);
  }

  @ParameterizedTest
  @ValueSource(strings = {"recording", "throwing"})
  void sameExceptionWhenTheStreamIsCut(String hooks) throws IOException {
    ParleyBridge.installLlm(hooks.equals("recording") ? new RecordingLlmHooks() : new ThrowingHooks());
    IOException plain = readFailure(OkHttpClients.plain());
    IOException instrumented = readFailure(OkHttpClients.instrumented());
    assertEquals(plain.getClass(), instrumented.getClass());
    assertEquals(plain.getMessage(), instrumented.getMessage());
  }

  private IOException readFailure(OkHttpClient client) throws IOException {
    try (Response response = client.newCall(request("/v1/cut")).execute()) {
      return assertThrows(IOException.class, () -> response.body().bytes());
    }
  }

  private void assertSameView(String endpoint) throws IOException {
    View plain = view(OkHttpClients.plain(), endpoint);
    View instrumented = view(OkHttpClients.instrumented(), endpoint);
    assertEquals(plain.status, instrumented.status);
    assertEquals(plain.headers, instrumented.headers);
    assertEquals(plain.contentType, instrumented.contentType);
    assertEquals(plain.contentLength, instrumented.contentLength);
    assertArrayEquals(plain.body, instrumented.body);
  }

  private Request request(String endpoint) {
    String[] parts = endpoint.split(" ");
    Request.Builder builder =
        new Request.Builder()
            .url(server.url(parts[0]))
            .post(RequestBody.create(MediaType.parse("application/json"), "{\"model\":\"m\"}"));
    if (parts.length > 1) {
      builder.header("Accept-Encoding", "gzip");
    }
    return builder.build();
  }

  private View view(OkHttpClient client, String endpoint) throws IOException {
    server.streamGate = new java.util.concurrent.CountDownLatch(0);
    try (Response response = client.newCall(request(endpoint)).execute()) {
      View view = new View();
      view.status = response.code();
      for (String name : response.headers().names()) {
        if (!name.equalsIgnoreCase("Date")) {
          view.headers.put(name.toLowerCase(), response.headers(name));
        }
      }
      view.contentType = String.valueOf(response.body().contentType());
      view.contentLength = response.body().contentLength();
      // read in small pieces, through the InputStream view, as SDKs do
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = response.body().byteStream()) {
        byte[] chunk = new byte[7];
        for (int n; (n = in.read(chunk)) != -1; ) {
          out.write(chunk, 0, n);
        }
      }
      view.body = out.toByteArray();
      return view;
    }
  }

  private static final class View {
    int status;
    final Map<String, List<String>> headers = new TreeMap<>();
    String contentType;
    long contentLength;
    byte[] body;
  }

  /** Hooks that fail at every step: the application must not notice. */
  private static final class ThrowingHooks implements LlmHooks {
    @Override
    public Object llmStart(String method, String url) {
      if (url.contains("/v1/chat")) {
        throw new IllegalStateException("start");
      }
      return new ArrayList<String>();
    }

    @Override
    public void llmRequestBody(Object call, byte[] bytes, int offset, int length) {
      throw new IllegalStateException("request body");
    }

    @Override
    public void llmResponseHead(Object call, int status, String contentType, String encoding) {
      if (status == 429) {
        throw new IllegalStateException("head");
      }
    }

    @Override
    public void llmResponseBody(Object call, byte[] bytes, int offset, int length) {
      throw new IllegalStateException("response body");
    }

    @Override
    public void llmEnd(Object call, Throwable error) {
      throw new IllegalStateException("end");
    }

    @Override
    public InputStream llmTapResponse(Object call, InputStream in) {
      throw new IllegalStateException();
    }

    @Override
    public OutputStream llmTapRequest(Object call, OutputStream out) {
      throw new IllegalStateException();
    }
  }
}
