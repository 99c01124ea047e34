package io.parley.instrumentation.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.JdkHttpBridge;
import io.parley.instrumentation.testing.RecordingPropagationHooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The copy of a request that carries the propagation headers is the request, plus them. */
class PropagatedRequestTest {

  private static final URI URL = URI.create("http://b.internal:8080/orders?id=7");

  private final RecordingPropagationHooks propagation = new RecordingPropagationHooks();

  @BeforeEach
  void install() {
    ParleyBridge.installPropagation(propagation);
  }

  @AfterEach
  void uninstall() {
    ParleyBridge.installPropagation(null);
  }

  private static void assertSameExceptAddedHeaders(HttpRequest original, HttpRequest copy) {
    assertEquals(original.uri(), copy.uri());
    assertEquals(original.method(), copy.method());
    assertEquals(original.timeout(), copy.timeout());
    assertEquals(original.version(), copy.version());
    assertEquals(original.expectContinue(), copy.expectContinue());
    assertEquals(original.bodyPublisher().isPresent(), copy.bodyPublisher().isPresent());
    original.bodyPublisher().ifPresent(body -> assertSame(body, copy.bodyPublisher().get()));
    original.headers().map().forEach(
        (name, values) -> {
          if (!name.equalsIgnoreCase("baggage")) {
            assertEquals(values, copy.headers().allValues(name), name);
          }
        });
  }

  @Test
  void aGetKeepsEverythingAndGainsTheHeaders() {
    HttpRequest original =
        HttpRequest.newBuilder(URL)
            .header("Accept", "application/json")
            .header("X-Multi", "1")
            .header("X-Multi", "2")
            .timeout(Duration.ofSeconds(7))
            .version(HttpClient.Version.HTTP_1_1)
            .GET()
            .build();

    HttpRequest copy = PropagatedRequest.of(original);

    assertSameExceptAddedHeaders(original, copy);
    assertEquals(
        Optional.of(RecordingPropagationHooks.TRACEPARENT), copy.headers().firstValue("traceparent"));
    assertEquals(Optional.of("chat-42"), copy.headers().firstValue("x-session-id"));
    assertEquals(List.of(RecordingPropagationHooks.BAGGAGE), copy.headers().allValues("baggage"));
    assertEquals(List.of("GET " + URL), propagation.requests());
  }

  @Test
  void aPostKeepsItsBodyPublisherAndExpectContinue() {
    HttpRequest.BodyPublisher body = BodyPublishers.ofString("{\"q\":1}");
    HttpRequest original =
        HttpRequest.newBuilder(URL)
            .POST(body)
            .header("Content-Type", "application/json")
            .expectContinue(true)
            .build();

    assertSameExceptAddedHeaders(original, PropagatedRequest.of(original));
  }

  @Test
  void otherMethodsWithAndWithoutABodyAreCopied() {
    for (HttpRequest original :
        List.of(
            HttpRequest.newBuilder(URL).DELETE().build(),
            HttpRequest.newBuilder(URL).method("PATCH", BodyPublishers.ofString("x")).build(),
            HttpRequest.newBuilder(URL).method("HEAD", BodyPublishers.noBody()).build(),
            HttpRequest.newBuilder(URL).PUT(BodyPublishers.noBody()).build())) {
      assertSameExceptAddedHeaders(original, PropagatedRequest.of(original));
    }
  }

  @Test
  void theApplicationsOwnHeadersWinAndItsBaggageIsMergedIntoOneHeader() {
    HttpRequest original =
        HttpRequest.newBuilder(URL)
            .header("traceparent", "00-11111111111111111111111111111111-2222222222222222-01")
            .header("X-Session-Id", "own")
            .header("baggage", "tenant=acme")
            .header("Baggage", "k=v")
            .build();

    HttpRequest copy = PropagatedRequest.of(original);

    assertEquals(original.headers().allValues("traceparent"), copy.headers().allValues("traceparent"));
    assertEquals(List.of("own"), copy.headers().allValues("X-Session-Id"));
    assertEquals(
        List.of("tenant=acme,k=v," + RecordingPropagationHooks.BAGGAGE),
        copy.headers().allValues("baggage"));
  }

  @Test
  void withoutHeadersToAddThereIsNoCopy() {
    ParleyBridge.installPropagation((method, url, existing) -> new String[0]);
    assertNull(PropagatedRequest.of(HttpRequest.newBuilder(URL).build()));
  }

  @Test
  void withoutPropagationInstalledTheBridgeCopiesNothing() {
    ParleyBridge.installPropagation(null);
    assertNull(JdkHttpBridge.propagate(HttpRequest.newBuilder(URL).build()));
    assertFalse(propagation.requests().size() > 0);
  }
}
