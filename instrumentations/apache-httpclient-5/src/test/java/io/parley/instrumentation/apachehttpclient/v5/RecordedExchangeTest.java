package io.parley.instrumentation.apachehttpclient.v5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches the agent for one HttpClient 5 exchange: URL, bodies, response head, end. */
class RecordedExchangeTest {

  private static final String REQUEST_JSON =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private static ScriptedServer server;
  private RecordingLlmHooks hooks;

  @BeforeAll
  static void start() throws IOException {
    TestAgent.install(new ApacheHttpClient5InstrumentationModule());
    server = new ScriptedServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void installHooks() {
    hooks = new RecordingLlmHooks();
    ParleyBridge.installLlm(hooks);
  }

  @AfterEach
  void uninstallHooks() {
    ParleyBridge.installLlm(null);
  }

  @Test
  void instrumentsTheClientsThatImplementDoExecute() throws IOException {
    HttpClients.createDefault().close();
    HttpClients.createMinimal().close();
    List<String> transformed = TestAgent.install(new ApacheHttpClient5InstrumentationModule());
    assertTrue(
        transformed.contains("org.apache.hc.client5.http.impl.classic.InternalHttpClient"),
        transformed.toString());
    assertTrue(
        transformed.contains("org.apache.hc.client5.http.impl.classic.MinimalHttpClient"),
        transformed.toString());
  }

  @Test
  void runsOnTheExpectedHttpClientVersion() throws IOException {
    String expected = System.getProperty("parley.test.httpclient5");
    assertNotNull(expected, "run through Maven");
    try (InputStream in =
        CloseableHttpClient.class.getResourceAsStream(
            "/META-INF/maven/org.apache.httpcomponents.client5/httpclient5/pom.properties")) {
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      assertEquals(expected, properties.getProperty("version"));
    }
  }

  @Test
  void chatCompletionIsOneCallWithBothBodies() throws IOException {
    byte[] read;
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(post("/v1/chat/completions"))) {
      read = EntityUtils.toByteArray(response.getEntity());
    }
    assertEquals(List.of("POST " + server.url("/v1/chat/completions")), hooks.starts());
    assertEquals(REQUEST_JSON, new String(hooks.requestBytes(), StandardCharsets.UTF_8));
    assertArrayEquals(ScriptedServer.CHAT_JSON.getBytes(StandardCharsets.UTF_8), read);
    assertArrayEquals(read, hooks.responseBytes());
    assertEquals(200, hooks.status());
    assertEquals("application/json", hooks.contentType());
    assertNull(hooks.contentEncoding());
    assertEquals(List.of("head 200", "end ok"), hooks.events());
  }

  @Test
  void notAnLlmEndpointIsLeftAlone() throws IOException {
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(post("/other"))) {
      assertFalse(Proxy.isProxyClass(response.getEntity().getClass()));
      EntityUtils.consume(response.getEntity());
    }
    assertEquals(List.of("POST " + server.url("/other")), hooks.starts());
    assertEquals(List.of(), hooks.events());
  }

  @Test
  void decompressedGzipIsSeenDecompressedWithNoEncoding() throws IOException {
    byte[] read;
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(post("/v1/gzip"))) {
      read = EntityUtils.toByteArray(response.getEntity());
    }
    assertArrayEquals(ScriptedServer.CHAT_JSON.getBytes(StandardCharsets.UTF_8), read);
    assertArrayEquals(read, hooks.responseBytes());
    assertNull(hooks.contentEncoding());
  }

  @Test
  void gzipLeftCompressedByTheClientIsSeenCompressedWithItsEncoding() throws IOException {
    byte[] read;
    HttpPost post = post("/v1/gzip");
    post.setHeader("Accept-Encoding", "gzip");
    try (CloseableHttpClient client = HttpClients.custom().disableContentCompression().build();
        CloseableHttpResponse response = client.execute(post)) {
      read = EntityUtils.toByteArray(response.getEntity());
    }
    assertEquals("gzip", hooks.contentEncoding());
    assertArrayEquals(read, hooks.responseBytes());
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(read))) {
      assertArrayEquals(ScriptedServer.CHAT_JSON.getBytes(StandardCharsets.UTF_8), in.readAllBytes());
    }
  }

  @Test
  void streamedEventsReachTheAgentAsTheApplicationReadsThem() throws IOException {
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(post("/v1/stream"))) {
      InputStream in = response.getEntity().getContent();
      byte[] first = ScriptedServer.SSE_EVENTS.get(0).getBytes(StandardCharsets.UTF_8);
      byte[] buffer = new byte[first.length];
      int got = 0;
      while (got < first.length) {
        got += in.read(buffer, got, first.length - got);
      }
      // the first event is seen before the application asked for anything more
      assertArrayEquals(first, hooks.responseBytes());
      assertEquals(List.of("head 200"), hooks.events());
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      in.transferTo(rest);
      in.close();
    }
    assertEquals("text/event-stream", hooks.contentType());
    assertEquals(
        String.join("", ScriptedServer.SSE_EVENTS),
        new String(hooks.responseBytes(), StandardCharsets.UTF_8));
    assertEquals(List.of("head 200", "end ok"), hooks.events());
  }

  @Test
  void errorStatusIsReportedAndItsBodySeen() throws Exception {
    String body;
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(post("/v1/server-error"))) {
      assertEquals(500, response.getCode());
      body = EntityUtils.toString(response.getEntity());
    }
    assertEquals(ScriptedServer.ERROR_JSON, body);
    assertEquals(500, hooks.status());
    assertEquals(body, new String(hooks.responseBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void rateLimitRetriedByTheClientIsStillOneCall() throws IOException {
    int before = server.requestLines.size();
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(post("/v1/rate-limited"))) {
      assertEquals(429, response.getCode());
      EntityUtils.consume(response.getEntity());
    }
    assertEquals(2, server.requestLines.size() - before, "HttpClient retries a 429 once by default");
    assertEquals(1, hooks.starts().size());
    assertEquals(429, hooks.status());
    assertEquals(REQUEST_JSON, new String(hooks.requestBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void responseWithoutEntityEndsAtOnce() throws IOException {
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(post("/v1/no-content"))) {
      assertEquals(204, response.getCode());
    }
    assertEquals(List.of("head 204", "end ok"), hooks.events());
  }

  @Test
  void connectionFailureEndsTheCallWithTheApplicationsException() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpPost post = new HttpPost("http://127.0.0.1:" + closedPort + "/v1/chat/completions");
    post.setEntity(new StringEntity(REQUEST_JSON, ContentType.APPLICATION_JSON));
    IOException thrown;
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      thrown = assertThrows(IOException.class, () -> client.execute(post).close());
    }
    assertEquals(1, hooks.starts().size());
    assertEquals(thrown, hooks.endError());
  }

  @Test
  void targetHostAndRelativeRequestMakeTheUrl() throws IOException {
    BasicClassicHttpRequest request = new BasicClassicHttpRequest("POST", "/v1/chat/completions?x=1");
    request.setEntity(new StringEntity(REQUEST_JSON, ContentType.APPLICATION_JSON));
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      client.execute(
          new HttpHost("http", "127.0.0.1", server.port()),
          request,
          response -> EntityUtils.toString(response.getEntity()));
    }
    assertEquals(
        List.of("POST http://127.0.0.1:" + server.port() + "/v1/chat/completions?x=1"),
        hooks.starts());
    assertEquals(List.of("head 200", "end ok"), hooks.events());
  }

  @Test
  void decoratingClientIsOneCall() throws IOException {
    try (CloseableHttpClient client = new DecoratingClient(HttpClients.createDefault());
        CloseableHttpResponse response = client.execute(post("/v1/chat/completions"))) {
      EntityUtils.consume(response.getEntity());
    }
    assertEquals(1, hooks.starts().size(), hooks.starts().toString());
    assertEquals(REQUEST_JSON, new String(hooks.requestBytes(), StandardCharsets.UTF_8));
  }

  private static HttpPost post(String path) {
    HttpPost post = new HttpPost(server.url(path));
    post.setEntity(new StringEntity(REQUEST_JSON, ContentType.APPLICATION_JSON));
    return post;
  }

  /** An application's client that adds behaviour around another one. */
  static final class DecoratingClient extends CloseableHttpClient {
    private final CloseableHttpClient inner;

    DecoratingClient(CloseableHttpClient inner) {
      this.inner = inner;
    }

    @Override
    @SuppressWarnings("deprecation")
    protected CloseableHttpResponse doExecute(
        HttpHost target, ClassicHttpRequest request, HttpContext context) throws IOException {
      return inner.execute(target, request, context);
    }

    @Override
    public void close(org.apache.hc.core5.io.CloseMode closeMode) {
      inner.close(closeMode);
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }
}
