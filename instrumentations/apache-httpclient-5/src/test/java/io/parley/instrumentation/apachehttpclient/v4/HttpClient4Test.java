package io.parley.instrumentation.apachehttpclient.v4;

import static io.parley.instrumentation.testing.LocalLlmServer.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.LocalLlmServer;
import io.parley.instrumentation.testing.RecordingLlmHooks;
import io.parley.instrumentation.testing.RecordingPropagationHooks;
import io.parley.instrumentation.testing.TestAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HttpClient 4.5 against a local server: what the agent sees of an LLM exchange (URL, request
 * and response bytes, head, one end), what the application reads (unchanged), and the
 * propagation headers (once, never over the application's own, taken off the request after).
 */
class HttpClient4Test {

  private static final String CHAT =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private static LocalLlmServer server;
  private RecordingLlmHooks llm;
  private final RecordingPropagationHooks propagation = new RecordingPropagationHooks();

  @BeforeAll
  static void start() throws IOException {
    TestAgent.install(new ApacheHttpClient4InstrumentationModule());
    server = new LocalLlmServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void install() {
    llm = new RecordingLlmHooks("/v1/chat/completions");
    ParleyBridge.installLlm(llm);
  }

  @AfterEach
  void uninstall() {
    ParleyBridge.installLlm(null);
    ParleyBridge.installPropagation(null);
  }

  private static HttpPost chat(String way) {
    HttpPost post = new HttpPost(server.url(way));
    post.setEntity(new StringEntity(CHAT, ContentType.APPLICATION_JSON));
    return post;
  }

  private RecordingLlmHooks.RecordedCall onlyCall() throws InterruptedException {
    List<RecordingLlmHooks.RecordedCall> calls = llm.awaitEnded(1, 5, TimeUnit.SECONDS);
    assertEquals(1, calls.size(), calls.toString());
    return calls.get(0);
  }

  @Test
  void instrumentsTheClientsThatImplementDoExecute() throws IOException {
    HttpClients.createDefault().close();
    HttpClients.createMinimal().close();
    List<String> transformed = TestAgent.install(new ApacheHttpClient4InstrumentationModule());
    assertTrue(transformed.contains("org.apache.http.impl.client.InternalHttpClient"), transformed.toString());
    assertTrue(transformed.contains("org.apache.http.impl.client.MinimalHttpClient"), transformed.toString());
  }

  @Test
  void jsonExchangeIsSeenWholeAndTheApplicationReadsTheSameBytes() throws Exception {
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(chat("json"))) {
      assertArrayEquals(LocalLlmServer.JSON, EntityUtils.toByteArray(response.getEntity()));
    }
    RecordingLlmHooks.RecordedCall call = onlyCall();
    assertEquals("POST " + server.url("json"), call.method + " " + call.url);
    assertEquals(CHAT, new String(call.requestBytes(), StandardCharsets.UTF_8));
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
    assertEquals(List.of(200), call.statuses());
    assertTrue(call.contentType().startsWith("application/json"), call.contentType());
    assertTrue(call.ends() >= 1, "the call ended");
    assertNull(call.error());
  }

  @Test
  void gzipIsDecompressedByHttpClientAndReportedAsPlain() throws Exception {
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(chat("gzip"))) {
      assertArrayEquals(LocalLlmServer.JSON, EntityUtils.toByteArray(response.getEntity()));
    }
    RecordingLlmHooks.RecordedCall call = onlyCall();
    assertNull(call.contentEncoding(), "the bytes the agent sees are already decompressed");
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
  }

  @Test
  void streamedRequestEntityIsSeenAsItIsWritten() throws Exception {
    byte[] body = CHAT.getBytes(StandardCharsets.UTF_8);
    HttpPost post = new HttpPost(server.url("sse"));
    post.setEntity(new InputStreamEntity(new java.io.ByteArrayInputStream(body), -1, ContentType.APPLICATION_JSON));
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(post)) {
      assertArrayEquals(LocalLlmServer.sse(), EntityUtils.toByteArray(response.getEntity()));
    }
    RecordingLlmHooks.RecordedCall call = onlyCall();
    assertArrayEquals(body, call.requestBytes());
    assertArrayEquals(body, server.requests().get(server.requests().size() - 1), "the server got the body unchanged");
  }

  @Test
  void aFailedConnectionEndsTheCallWithItsError() throws Exception {
    int closed = freePort();
    HttpPost post = new HttpPost("http://127.0.0.1:" + closed + "/v1/chat/completions");
    post.setEntity(new StringEntity(CHAT, ContentType.APPLICATION_JSON));
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> client.execute(post));
    }
    RecordingLlmHooks.RecordedCall call = onlyCall();
    assertTrue(call.error() instanceof IOException, String.valueOf(call.error()));
  }

  @Test
  void propagationHeadersGoOnceAndComeOffTheRequestAfterwards() throws Exception {
    ParleyBridge.installPropagation(propagation);
    HttpGet get = new HttpGet(server.base() + "/json/other");
    get.addHeader("baggage", "tenant=acme");
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpResponse response = client.execute(get)) {
      EntityUtils.consume(response.getEntity());
    }
    List<Map<String, List<String>>> all = server.requestHeaders();
    Map<String, List<String>> headers = all.get(all.size() - 1);
    assertEquals(List.of(RecordingPropagationHooks.TRACEPARENT), header(headers, "traceparent"));
    assertEquals(List.of(RecordingPropagationHooks.SESSION), header(headers, "X-Session-Id"));
    assertEquals(List.of("tenant=acme," + RecordingPropagationHooks.BAGGAGE), header(headers, "baggage"));
    // the application's request object is as it built it
    assertEquals(1, get.getAllHeaders().length, java.util.Arrays.toString(get.getAllHeaders()));
    assertEquals("tenant=acme", get.getFirstHeader("baggage").getValue());
    assertTrue(llm.calls().isEmpty(), "not an LLM call: " + llm.calls());
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
