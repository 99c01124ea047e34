package io.parley.instrumentation.apachehttpclient.v5;

import static io.parley.instrumentation.testing.LocalLlmServer.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.LocalLlmServer;
import io.parley.instrumentation.testing.RecordingPropagationHooks;
import io.parley.instrumentation.testing.TestAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The propagation headers as a local server receives them from HttpClient 5: once per execution,
 * through a decorating client too, not added again on a redirect, never over the application's
 * own, and taken off the application's request object again afterwards.
 */
class PropagationTest {

  private static LocalLlmServer server;
  private final RecordingPropagationHooks propagation = new RecordingPropagationHooks();
  private RecordingLlmHooks llm;

  @BeforeAll
  static void start() throws IOException {
    TestAgent.install(new ApacheHttpClient5InstrumentationModule());
    server = new LocalLlmServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void install() {
    llm = new RecordingLlmHooks();
    ParleyBridge.installLlm(llm);
    ParleyBridge.installPropagation(propagation);
  }

  @AfterEach
  void uninstall() {
    ParleyBridge.installLlm(null);
    ParleyBridge.installPropagation(null);
  }

  private static String execute(CloseableHttpClient client, ClassicHttpRequest request)
      throws IOException {
    return client.execute(
        request, response -> EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
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

  private static List<String> headersOf(ClassicHttpRequest request) {
    List<String> all = new ArrayList<>();
    for (Header header : request.getHeaders()) {
      all.add(header.getName() + ": " + header.getValue());
    }
    return all;
  }

  @Test
  void aRequestGetsTheHeadersOnceAndNothingElseChanges() throws IOException {
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      HttpGet plain = new HttpGet(server.base() + "/plain");
      plain.addHeader("X-App", "1");
      ParleyBridge.installPropagation(null);
      execute(client, plain);
      Map<String, List<String>> withoutPropagation = lastHeaders();
      ParleyBridge.installPropagation(propagation);

      HttpGet request = new HttpGet(server.base() + "/plain");
      request.addHeader("X-App", "1");
      assertEquals("ok", execute(client, request));

      Map<String, List<String>> received = lastHeaders();
      assertPropagated(received);
      Map<String, List<String>> others = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      others.putAll(received);
      others.keySet().removeAll(List.of("traceparent", "x-session-id", "baggage"));
      assertEquals(new TreeMap<>(withoutPropagation), new TreeMap<>(others));
      assertEquals(List.of("GET " + server.base() + "/plain"), propagation.requests());
      assertEquals(List.of("X-App: 1"), headersOf(request), "the request object is as the application left it");
    }
  }

  @Test
  void theApplicationsOwnHeadersWinItsBaggageIsMergedAndPutBackAfterwards() throws IOException {
    HttpGet request = new HttpGet(server.base() + "/plain");
    request.addHeader("traceparent", "00-11111111111111111111111111111111-2222222222222222-01");
    request.addHeader("X-Session-Id", "own");
    request.addHeader("baggage", "tenant=acme");
    List<String> before = headersOf(request);

    try (CloseableHttpClient client = HttpClients.createDefault()) {
      execute(client, request);
    }

    Map<String, List<String>> received = lastHeaders();
    assertEquals(
        List.of("00-11111111111111111111111111111111-2222222222222222-01"),
        header(received, "traceparent"));
    assertEquals(List.of("own"), header(received, "X-Session-Id"));
    assertEquals(
        List.of("tenant=acme," + RecordingPropagationHooks.BAGGAGE), header(received, "baggage"));
    assertEquals(before, headersOf(request));
  }

  @Test
  void aRequestObjectExecutedAgainGetsTheHeadersOfItsNewExecution() throws IOException {
    HttpGet request = new HttpGet(server.base() + "/plain");
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      execute(client, request);
      ParleyBridge.installPropagation(
          (method, url, existing) -> new String[] {"traceparent", "00-33333333333333333333333333333333-4444444444444444-01"});
      execute(client, request);
    }

    assertEquals(
        List.of("00-33333333333333333333333333333333-4444444444444444-01"),
        header(lastHeaders(), "traceparent"));
    assertEquals(List.of(), header(lastHeaders(), "X-Session-Id"));
  }

  @Test
  void aRedirectIsFollowedWithTheSameHeadersNotAddedAgain() throws IOException {
    int before = server.requestHeaders().size();
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      assertEquals("ok", execute(client, new HttpGet(server.base() + "/redirect/plain")));
    }

    List<Map<String, List<String>>> received = server.requestHeaders();
    assertEquals(before + 2, received.size());
    assertPropagated(received.get(before));
    assertPropagated(received.get(before + 1));
    assertEquals(1, propagation.requests().size());
  }

  @Test
  void aDecoratingClientAddsThemOnce() throws IOException {
    try (CloseableHttpClient client =
        new RecordedExchangeTest.DecoratingClient(HttpClients.createDefault())) {
      execute(client, new HttpGet(server.base() + "/plain"));
    }

    assertPropagated(lastHeaders());
    assertEquals(1, propagation.requests().size());
  }

  @Test
  void anLlmCallCarriesThemAndIsStillRecorded() throws IOException {
    String json = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";
    HttpPost post = new HttpPost(server.url("json"));
    post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      assertArrayEquals(
          LocalLlmServer.JSON,
          client.execute(post, response -> EntityUtils.toByteArray(response.getEntity())));
    }

    assertPropagated(lastHeaders());
    assertEquals(List.of("POST " + server.url("json")), llm.starts());
    assertEquals(json, new String(llm.requestBytes(), StandardCharsets.UTF_8));
  }
}
