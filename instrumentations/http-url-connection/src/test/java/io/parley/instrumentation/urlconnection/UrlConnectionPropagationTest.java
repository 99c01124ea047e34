package io.parley.instrumentation.urlconnection;

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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The propagation headers as a local server receives them from {@code HttpURLConnection}: set
 * before the connection connects, whichever method the application calls first, once per
 * connection, not again on a redirect, and never over the application's own.
 */
class UrlConnectionPropagationTest {

  private static final byte[] BODY = "{\"order\":7}".getBytes(StandardCharsets.UTF_8);

  private static final RecordingPropagationHooks propagation = new RecordingPropagationHooks();
  private static final RecordingLlmHooks llm = new RecordingLlmHooks(LocalLlmServer.CHAT);
  private static LocalLlmServer server;
  private static LocalLlmServer https;

  @BeforeAll
  static void install() throws Exception {
    TestAgent.install(new UrlConnectionInstrumentationModule());
    server = new LocalLlmServer();
    https = LocalLlmServer.https();
    new URL(server.base()).openConnection();
    List<String> transformed = TestAgent.install(new UrlConnectionInstrumentationModule());
    assertTrue(transformed.contains(UrlConnectionInstrumentationModule.CONNECTION_IMPL));
    ParleyBridge.installPropagation(propagation);
    ParleyBridge.installLlm(llm);
  }

  @AfterAll
  static void stop() {
    ParleyBridge.installPropagation(null);
    ParleyBridge.installLlm(null);
    server.close();
    https.close();
  }

  @BeforeEach
  void clear() {
    propagation.clear();
    llm.clear();
  }

  private static HttpURLConnection open(String path) throws IOException {
    return (HttpURLConnection) new URL(server.base() + path).openConnection();
  }

  private static Map<String, List<String>> lastHeaders(LocalLlmServer at) {
    List<Map<String, List<String>>> all = at.requestHeaders();
    return all.get(all.size() - 1);
  }

  private static void assertPropagated(Map<String, List<String>> headers) {
    assertEquals(Arrays.asList(RecordingPropagationHooks.TRACEPARENT), header(headers, "traceparent"));
    assertEquals(Arrays.asList(RecordingPropagationHooks.SESSION), header(headers, "X-Session-Id"));
    assertEquals(Arrays.asList(RecordingPropagationHooks.BAGGAGE), header(headers, "baggage"));
  }

  private static String read(HttpURLConnection connection) throws IOException {
    try (InputStream in = connection.getInputStream()) {
      return new String(LocalLlmServer.readAll(in), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aGetGetsTheHeadersOnceAndNothingElseChanges() throws Exception {
    HttpURLConnection plain = open("/plain");
    plain.setRequestProperty("X-App", "1");
    ParleyBridge.installPropagation(null);
    read(plain);
    Map<String, List<String>> withoutPropagation = lastHeaders(server);
    ParleyBridge.installPropagation(propagation);

    HttpURLConnection connection = open("/plain");
    connection.setRequestProperty("X-App", "1");
    assertEquals("ok", read(connection));

    Map<String, List<String>> received = lastHeaders(server);
    assertPropagated(received);
    Map<String, List<String>> others = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    others.putAll(received);
    others.keySet().removeAll(Arrays.asList("traceparent", "x-session-id", "baggage"));
    assertEquals(new TreeMap<>(withoutPropagation), new TreeMap<>(others));
    assertEquals(Arrays.asList("GET " + server.base() + "/plain"), propagation.requests());
  }

  @Test
  void aBufferedPostGetsThemWhenItAsksForTheBodyStream() throws Exception {
    HttpURLConnection connection = open("/orders");
    connection.setDoOutput(true);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(BODY);
    }
    assertEquals("ok", read(connection));

    assertPropagated(lastHeaders(server));
    List<byte[]> bodies = server.requests();
    assertArrayEquals(BODY, bodies.get(bodies.size() - 1));
    assertEquals(Arrays.asList("POST " + server.base() + "/orders"), propagation.requests());
  }

  @Test
  void aStreamingPostGetsThemBeforeItsHeadersAreWritten() throws Exception {
    HttpURLConnection connection = open("/orders");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(BODY.length);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(BODY);
    }
    assertEquals(200, connection.getResponseCode());

    assertPropagated(lastHeaders(server));
    assertEquals(1, propagation.requests().size());
  }

  @Test
  void connectFirstOrResponseCodeFirstBothWork() throws Exception {
    HttpURLConnection connected = open("/plain");
    connected.connect();
    assertEquals("ok", read(connected));
    assertPropagated(lastHeaders(server));

    HttpURLConnection statusFirst = open("/plain");
    assertEquals(200, statusFirst.getResponseCode());
    assertPropagated(lastHeaders(server));
    assertEquals("ok", read(statusFirst));
    assertEquals(2, propagation.requests().size(), "once per connection: " + propagation.requests());
  }

  @Test
  void theApplicationsOwnHeadersWinAndItsBaggageIsMerged() throws Exception {
    HttpURLConnection connection = open("/plain");
    connection.setRequestProperty("traceparent", "00-11111111111111111111111111111111-2222222222222222-01");
    connection.setRequestProperty("X-Session-Id", "own");
    connection.setRequestProperty("Baggage", "tenant=acme");
    read(connection);

    Map<String, List<String>> received = lastHeaders(server);
    assertEquals(
        Arrays.asList("00-11111111111111111111111111111111-2222222222222222-01"),
        header(received, "traceparent"));
    assertEquals(Arrays.asList("own"), header(received, "X-Session-Id"));
    assertEquals(
        Arrays.asList("tenant=acme," + RecordingPropagationHooks.BAGGAGE), header(received, "baggage"));
  }

  @Test
  void aRedirectIsFollowedWithTheSameHeadersNotAddedAgain() throws Exception {
    int before = server.requestHeaders().size();

    assertEquals("ok", read(open("/redirect/plain")));

    List<Map<String, List<String>>> received = server.requestHeaders();
    assertEquals(before + 2, received.size());
    assertPropagated(received.get(before));
    assertPropagated(received.get(before + 1));
    assertEquals(1, propagation.requests().size());
  }

  @Test
  void httpsConnectionsGetThemToo() throws Exception {
    HttpsURLConnection connection =
        (HttpsURLConnection) new URL(https.base() + "/plain").openConnection();
    connection.setSSLSocketFactory(https.clientTls().getSocketFactory());

    assertEquals("ok", read(connection));

    assertPropagated(lastHeaders(https));
    assertEquals(Collections.singletonList("GET " + https.base() + "/plain"), propagation.requests());
  }

  @Test
  void anLlmCallCarriesThemAndIsStillRecordedOnce() throws Exception {
    byte[] json = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
    HttpURLConnection connection = (HttpURLConnection) new URL(server.url("json")).openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(json);
    }
    try (InputStream in = connection.getInputStream()) {
      assertArrayEquals(LocalLlmServer.JSON, LocalLlmServer.readAll(in));
    }

    assertPropagated(lastHeaders(server));
    RecordingLlmHooks.RecordedCall call = llm.awaitEnded(1, 5, TimeUnit.SECONDS).get(0);
    assertEquals(1, llm.calls().size());
    assertArrayEquals(json, call.requestBytes());
  }
}
