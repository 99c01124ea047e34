package io.parley.instrumentation.urlconnection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.LocalLlmServer;
import io.parley.instrumentation.testing.RecordingLlmHooks;
import io.parley.instrumentation.testing.RecordingLlmHooks.RecordedCall;
import io.parley.instrumentation.testing.TestAgent;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import javax.net.ssl.HttpsURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The advice inlined into the running JDK's {@code sun.net.www.protocol.http.HttpURLConnection},
 * against a loopback server: the application reads and writes exactly what it would without the
 * agent, and the bridge sees each LLM call once.
 */
class UrlConnectionInstrumentationTest {

  private static final byte[] REQUEST =
      "{\"model\":\"gpt-4o-mini\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  private static final RecordingLlmHooks hooks = new RecordingLlmHooks(LocalLlmServer.CHAT);
  private static LocalLlmServer server;

  @BeforeAll
  static void install() throws IOException {
    List<String> transformed = TestAgent.install(new UrlConnectionInstrumentationModule());
    ParleyBridge.installLlm(hooks);
    server = new LocalLlmServer();
    // the class is loaded by now (the JDK opens connections early), else by the first test
    new URL(server.base()).openConnection();
    transformed = TestAgent.install(new UrlConnectionInstrumentationModule());
    assertTrue(
        transformed.contains(UrlConnectionInstrumentationModule.CONNECTION_IMPL),
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

  private static HttpURLConnection post(String way) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(server.url(way)).openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = connection.getOutputStream()) {
      out.write(REQUEST, 0, 10);
      out.write(REQUEST, 10, REQUEST.length - 10);
    }
    return connection;
  }

  private static RecordedCall onlyCall() {
    List<RecordedCall> calls = hooks.calls();
    assertEquals(1, calls.size(), "calls: " + calls);
    return calls.get(0);
  }

  private static byte[] lastRequest() {
    List<byte[]> requests = server.requests();
    return requests.get(requests.size() - 1);
  }

  @Test
  void requestAndResponseAreSeenAsTheApplicationWritesAndReadsThem() throws Exception {
    HttpURLConnection connection = post("json");
    byte[] body;
    try (InputStream in = connection.getInputStream()) {
      body = LocalLlmServer.readAll(in);
    }
    assertArrayEquals(LocalLlmServer.JSON, body);
    assertArrayEquals(REQUEST, lastRequest());

    RecordedCall call = onlyCall();
    assertEquals("POST", call.method);
    assertEquals(server.url("json"), call.url);
    assertArrayEquals(REQUEST, call.requestBytes());
    assertEquals(Collections.singletonList(200), call.statuses());
    assertEquals("application/json", call.contentType());
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
    assertTrue(call.ends() >= 1);
    assertNull(call.error());
  }

  @Test
  void repeatedGettersHandOutTheSameStreams() throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) new URL(server.url("json")).openConnection();
    connection.setDoOutput(true);
    OutputStream out = connection.getOutputStream();
    assertSame(out, connection.getOutputStream());
    out.write(REQUEST);
    assertEquals(200, connection.getResponseCode());
    assertEquals("application/json", connection.getContentType());
    InputStream in = connection.getInputStream();
    assertSame(in, connection.getInputStream());
    assertArrayEquals(LocalLlmServer.JSON, LocalLlmServer.readAll(in));
    in.close();

    RecordedCall call = onlyCall();
    assertEquals(Collections.singletonList(200), call.statuses());
    assertArrayEquals(REQUEST, call.requestBytes());
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
  }

  @Test
  void streamedEventsAreReadLineByLineUnchanged() throws Exception {
    HttpURLConnection connection = post("sse");
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        read.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    assertArrayEquals(LocalLlmServer.sse(), read.toByteArray());
    RecordedCall call = onlyCall();
    assertEquals("text/event-stream", call.contentType());
    assertArrayEquals(LocalLlmServer.sse(), call.responseBytes());
    assertNull(call.error());
  }

  @Test
  void gzipBodyIsPassedCompressedWithItsEncoding() throws Exception {
    HttpURLConnection connection = post("gzip");
    byte[] body = LocalLlmServer.readAll(connection.getInputStream());
    assertArrayEquals(LocalLlmServer.gzip(LocalLlmServer.JSON), body);
    RecordedCall call = onlyCall();
    assertEquals("gzip", call.contentEncoding());
    assertArrayEquals(body, call.responseBytes());
  }

  @Test
  void chunkedGzipStreamIsPassedAsSent() throws Exception {
    HttpURLConnection connection = post("gzsse");
    byte[] expected = LocalLlmServer.gzip(LocalLlmServer.sse());
    assertArrayEquals(expected, LocalLlmServer.readAll(connection.getInputStream()));
    RecordedCall call = onlyCall();
    assertEquals("gzip", call.contentEncoding());
    assertArrayEquals(expected, call.responseBytes());
  }

  @Test
  void streamingModesWriteTheWholeBody() throws Exception {
    for (int mode = 0; mode < 2; mode++) {
      hooks.clear();
      HttpURLConnection connection =
          (HttpURLConnection) new URL(server.url("json")).openConnection();
      connection.setDoOutput(true);
      if (mode == 0) {
        connection.setChunkedStreamingMode(16);
      } else {
        connection.setFixedLengthStreamingMode(REQUEST.length);
      }
      try (OutputStream out = connection.getOutputStream()) {
        for (byte b : REQUEST) {
          out.write(b);
        }
      }
      assertArrayEquals(LocalLlmServer.JSON, LocalLlmServer.readAll(connection.getInputStream()));
      assertArrayEquals(REQUEST, lastRequest());
      assertArrayEquals(REQUEST, onlyCall().requestBytes());
    }
  }

  @Test
  void errorStatusReadThroughTheErrorStreamIsOneCallWithTheErrorBody() throws Exception {
    HttpURLConnection connection = post("status/429");
    assertEquals(429, connection.getResponseCode());
    RecordedCall call = onlyCall();
    assertEquals(0, call.ends(), "open until the application read the error body");
    byte[] body;
    try (InputStream error = connection.getErrorStream()) {
      body = LocalLlmServer.readAll(error);
    }
    assertArrayEquals(LocalLlmServer.ERROR, body);
    assertEquals(Collections.singletonList(429), call.statuses());
    assertArrayEquals(LocalLlmServer.ERROR, call.responseBytes());
    assertTrue(call.ends() >= 1);
  }

  @Test
  void errorStatusThrowsAsWithoutTheAgentAndDisconnectEndsTheCall() throws Exception {
    ParleyBridge.installLlm(null);
    IOException without;
    try {
      HttpURLConnection connection = post("status/500");
      without = assertThrows(IOException.class, connection::getInputStream);
    } finally {
      ParleyBridge.installLlm(hooks);
    }
    HttpURLConnection connection = post("status/500");
    IOException with = assertThrows(IOException.class, connection::getInputStream);
    assertEquals(without.getClass(), with.getClass());
    assertEquals(without.getMessage(), with.getMessage());
    assertThrows(IOException.class, connection::getInputStream);

    RecordedCall call = onlyCall();
    assertEquals(Collections.singletonList(500), call.statuses());
    assertEquals(0, call.ends(), "the application may still read the error body");
    connection.disconnect();
    assertEquals(1, call.ends());
    assertSame(with.getClass(), call.error().getClass());
  }

  @Test
  void errorStatusWithoutBodyEndsAtOnce() throws Exception {
    HttpURLConnection connection = post("bare/429");
    IOException thrown = assertThrows(IOException.class, connection::getInputStream);
    RecordedCall call = onlyCall();
    assertEquals(Collections.singletonList(429), call.statuses());
    assertEquals(1, call.ends());
    assertEquals(thrown.getMessage(), call.error().getMessage());
    assertEquals(429, connection.getResponseCode());
    assertNull(connection.getErrorStream());
  }

  @Test
  void refusedConnectionEndsTheCallWithTheError() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpURLConnection connection =
        (HttpURLConnection)
            new URL("http://127.0.0.1:" + port + LocalLlmServer.CHAT).openConnection();
    connection.setDoOutput(true);
    assertThrows(ConnectException.class, connection::getOutputStream);
    assertThrows(ConnectException.class, connection::getInputStream);
    RecordedCall call = onlyCall();
    assertEquals(1, call.ends());
    assertTrue(call.error() instanceof ConnectException, String.valueOf(call.error()));
    assertTrue(call.statuses().isEmpty());
  }

  @Test
  void headerGettersBeforeTheBodyDoNotChangeWhatIsRead() throws Exception {
    HttpURLConnection connection = post("json");
    assertNotNull(connection.getHeaderField("Content-Length"));
    assertEquals(LocalLlmServer.JSON.length, connection.getContentLength());
    assertArrayEquals(LocalLlmServer.JSON, LocalLlmServer.readAll(connection.getInputStream()));
    RecordedCall call = onlyCall();
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
    assertEquals(Collections.singletonList(200), call.statuses());
  }

  @Test
  void requestWithoutBodyStartsWhenTheResponseIsAskedFor() throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) new URL(server.url("json")).openConnection();
    assertArrayEquals(LocalLlmServer.JSON, LocalLlmServer.readAll(connection.getInputStream()));
    RecordedCall call = onlyCall();
    assertEquals("GET", call.method);
    assertEquals(0, call.requestBytes().length);
    assertArrayEquals(LocalLlmServer.JSON, call.responseBytes());
  }

  @Test
  void httpsConnectionsAreSeenThroughTheDelegateTheyWrap() throws Exception {
    try (LocalLlmServer https = LocalLlmServer.https()) {
      HttpsURLConnection connection =
          (HttpsURLConnection) new URL(https.url("sse")).openConnection();
      connection.setSSLSocketFactory(https.clientTls().getSocketFactory());
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(REQUEST);
      }
      assertEquals(200, connection.getResponseCode());
      byte[] body;
      try (InputStream in = connection.getInputStream()) {
        body = LocalLlmServer.readAll(in);
      }
      connection.disconnect();
      assertArrayEquals(LocalLlmServer.sse(), body);
      RecordedCall call = onlyCall();
      assertEquals(https.url("sse"), call.url);
      assertArrayEquals(REQUEST, call.requestBytes());
      assertArrayEquals(LocalLlmServer.sse(), call.responseBytes());
      assertEquals(Collections.singletonList(200), call.statuses());
    }
  }

  @Test
  void explicitConnectStartsTheCallOnceAndAskingForTheBodyMakesItAPost() throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) new URL(server.url("json")).openConnection();
    connection.setDoOutput(true); // no setRequestMethod: the JDK sends a POST
    connection.connect();
    try (OutputStream out = connection.getOutputStream()) {
      out.write(REQUEST);
    }
    assertArrayEquals(LocalLlmServer.JSON, LocalLlmServer.readAll(connection.getInputStream()));
    RecordedCall call = onlyCall();
    assertEquals("POST", call.method);
    assertArrayEquals(REQUEST, call.requestBytes());
  }

  @Test
  void otherConnectionsAreLeftAlone() throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) new URL(server.base() + "/other").openConnection();
    InputStream in = connection.getInputStream();
    assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8), LocalLlmServer.readAll(in));
    assertTrue(hooks.calls().isEmpty());
    assertTrue(in.getClass().getName().startsWith("sun.net."), in.getClass().getName());
  }

  @Test
  void bulkReadsAndSingleByteReadsSeeTheSameBytes() throws Exception {
    HttpURLConnection connection = post("json");
    InputStream in = connection.getInputStream();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      read.write(b);
    }
    assertArrayEquals(LocalLlmServer.JSON, read.toByteArray());
    assertArrayEquals(LocalLlmServer.JSON, onlyCall().responseBytes());
    assertTrue(Arrays.equals(read.toByteArray(), onlyCall().responseBytes()));
  }
}
