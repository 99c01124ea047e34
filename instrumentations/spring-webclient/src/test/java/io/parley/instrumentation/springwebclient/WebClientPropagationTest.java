package io.parley.instrumentation.springwebclient;

import static io.parley.instrumentation.testing.LocalLlmServer.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.LocalLlmServer;
import io.parley.instrumentation.testing.RecordingPropagationHooks;
import io.parley.instrumentation.testing.TestAgent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The headers a local server receives from Spring's WebClient on Reactor Netty (its default
 * connector) and on the JDK connector: the propagation headers once, never over the
 * application's own, the application's baggage kept first.
 */
class WebClientPropagationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static LocalLlmServer server;
  private final RecordingPropagationHooks propagation = new RecordingPropagationHooks();

  @BeforeAll
  static void start() throws IOException {
    TestAgent.install(new SpringWebClientInstrumentationModule());
    server = new LocalLlmServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void uninstall() {
    ParleyBridge.installPropagation(null);
  }

  private static Map<String, List<String>> lastHeaders() {
    List<Map<String, List<String>>> all = server.requestHeaders();
    return all.get(all.size() - 1);
  }

  private static String get(WebClient client, String... headerNamesAndValues) {
    WebClient.RequestHeadersSpec<?> request = client.get().uri(server.url("json"));
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      request = request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
    }
    return request.retrieve().bodyToMono(String.class).block(TIMEOUT);
  }

  @Test
  void reactorNettyRequestCarriesThePropagationHeadersOnce() {
    ParleyBridge.installPropagation(propagation);
    WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector()).build();

    assertTrue(get(client).contains("chatcmpl"), "the response reached the application");

    Map<String, List<String>> headers = lastHeaders();
    assertEquals(List.of(RecordingPropagationHooks.TRACEPARENT), header(headers, "traceparent"));
    assertEquals(List.of(RecordingPropagationHooks.SESSION), header(headers, "X-Session-Id"));
    assertEquals(List.of(RecordingPropagationHooks.BAGGAGE), header(headers, "baggage"));
    assertEquals(List.of("GET " + server.url("json")), propagation.requests());
  }

  @Test
  void theApplicationsOwnHeadersWinAndItsBaggageComesFirst() {
    ParleyBridge.installPropagation(propagation);
    WebClient client = WebClient.create();
    String own = "00-11111111111111111111111111111111-2222222222222222-01";

    get(client, "traceparent", own, "baggage", "tenant=acme");

    Map<String, List<String>> headers = lastHeaders();
    assertEquals(List.of(own), header(headers, "traceparent"));
    assertEquals(
        List.of("tenant=acme," + RecordingPropagationHooks.BAGGAGE), header(headers, "baggage"));
  }

  @Test
  void theJdkConnectorGetsThemOnceToo() {
    ParleyBridge.installPropagation(propagation);
    WebClient client = WebClient.builder().clientConnector(new JdkClientHttpConnector()).build();

    get(client);

    // with the java.net.http module too (the agent), that one finds them present and leaves them
    Map<String, List<String>> headers = lastHeaders();
    assertEquals(List.of(RecordingPropagationHooks.TRACEPARENT), header(headers, "traceparent"));
    assertEquals(List.of(RecordingPropagationHooks.SESSION), header(headers, "X-Session-Id"));
  }

  @Test
  void withoutPropagationTheRequestIsSentAsBuilt() {
    WebClient client = WebClient.create();

    get(client, "X-App", "kept");

    Map<String, List<String>> headers = lastHeaders();
    assertEquals(List.of(), header(headers, "traceparent"));
    assertEquals(List.of(), header(headers, "baggage"));
    assertEquals(List.of("kept"), header(headers, "X-App"));
  }
}
