package io.parley.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.session.IdentityResolver;
import io.parley.agent.session.IdentitySettings;
import io.parley.agent.telemetry.RequestAttributesSpanProcessor;
import io.parley.agent.telemetry.SemanticKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerRequestHooksTest {

  private static final String[] NAMES = {
    "traceparent", "tracestate", "baggage", "cookie", "X-Session-Id", "X-User-Id",
    "X-Conversation-Id"
  };

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder()
          .addSpanProcessor(new RequestAttributesSpanProcessor())
          .addSpanProcessor(SimpleSpanProcessor.create(exporter))
          .build();
  private final List<String> logLines = new ArrayList<>();
  private final ParleyLog log = new ParleyLog(logLines::add, System::nanoTime);
  private final ServerRequestHooks hooks =
      new ServerRequestHooks(
          provider.get("test"),
          TextMapPropagator.composite(
              W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()),
          new IdentityResolver(IdentitySettings.defaults(), log),
          NAMES,
          log);

  @AfterEach
  void close() {
    provider.close();
  }

  private static String[] headers(String... pairs) {
    String[] values = new String[NAMES.length];
    for (int i = 0; i < pairs.length; i += 2) {
      for (int j = 0; j < NAMES.length; j++) {
        if (NAMES[j].equalsIgnoreCase(pairs[i])) {
          values[j] = pairs[i + 1];
        }
      }
    }
    return values;
  }

  private SpanData only() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), "spans: " + spans);
    return spans.get(0);
  }

  @Test
  void serverSpanCarriesMethodPathStatusAndSession() {
    Object handle = hooks.serverStart("GET", "/hello", headers("X-Session-Id", "s-1"), null);
    hooks.serverEnd(handle, 200, null, null, null);

    SpanData span = only();
    assertEquals("GET /hello", span.getName());
    assertEquals(SpanKind.SERVER, span.getKind());
    assertEquals("GET", span.getAttributes().get(SemanticKeys.HTTP_REQUEST_METHOD));
    assertEquals("/hello", span.getAttributes().get(SemanticKeys.URL_PATH));
    assertEquals(200L, span.getAttributes().get(SemanticKeys.HTTP_RESPONSE_STATUS_CODE));
    assertEquals("s-1", span.getAttributes().get(SemanticKeys.SESSION_ID));
    assertEquals("s-1", span.getAttributes().get(SemanticKeys.CONVERSATION_ID));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void routeRenamesTheSpan() {
    Object handle = hooks.serverStart("GET", "/items/42", headers(), null);
    hooks.serverEnd(handle, 200, null, "/items/{id}", null);

    SpanData span = only();
    assertEquals("GET /items/{id}", span.getName());
    assertEquals("/items/{id}", span.getAttributes().get(SemanticKeys.HTTP_ROUTE));
  }

  @Test
  void incomingTraceparentIsContinued() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parentId = "00f067aa0ba902b7";
    Object handle =
        hooks.serverStart(
            "GET", "/x", headers("traceparent", "00-" + traceId + "-" + parentId + "-01"), null);
    hooks.serverEnd(handle, 200, null, null, null);

    SpanData span = only();
    assertEquals(traceId, span.getTraceId());
    assertEquals(parentId, span.getParentSpanId());
  }

  @Test
  void spansStartedInsideTheRequestCarryItsIdentity() {
    Object handle =
        hooks.serverStart(
            "POST",
            "/chat",
            headers("X-Session-Id", "s-2", "X-User-Id", "alice", "X-Conversation-Id", "c-9"),
            null);
    Span child = provider.get("child").spanBuilder("child").startSpan();
    child.end();
    hooks.serverEnd(handle, 200, null, null, null);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(2, spans.size());
    for (SpanData span : spans) {
      assertEquals("s-2", span.getAttributes().get(SemanticKeys.SESSION_ID), span.getName());
      assertEquals("c-9", span.getAttributes().get(SemanticKeys.CONVERSATION_ID));
      String user = span.getAttributes().get(SemanticKeys.USER_ID);
      assertNotNull(user);
      assertTrue(user.matches("[0-9a-f]{16}"), user);
    }
  }

  @Test
  void spansAfterTheRequestCarryNoIdentity() {
    Object handle = hooks.serverStart("GET", "/a", headers("X-Session-Id", "s-3"), null);
    hooks.serverEnd(handle, 200, null, null, null);
    provider.get("after").spanBuilder("after").startSpan().end();

    SpanData after = exporter.getFinishedSpanItems().get(1);
    assertNull(after.getAttributes().get(SemanticKeys.SESSION_ID));
  }

  @Test
  void escapingExceptionIsAServerError() {
    Object handle = hooks.serverStart("GET", "/fail", headers(), null);
    hooks.serverEnd(handle, 200, new IllegalStateException("boom"), null, null);

    SpanData span = only();
    assertEquals(500L, span.getAttributes().get(SemanticKeys.HTTP_RESPONSE_STATUS_CODE));
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(
        IllegalStateException.class.getName(), span.getAttributes().get(SemanticKeys.ERROR_TYPE));
  }

  @Test
  void status503IsAnErrorAnd404IsNot() {
    hooks.serverEnd(hooks.serverStart("GET", "/a", headers(), null), 503, null, null, null);
    hooks.serverEnd(hooks.serverStart("GET", "/b", headers(), null), 404, null, null, null);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(StatusCode.ERROR, spans.get(0).getStatus().getStatusCode());
    assertEquals("503", spans.get(0).getAttributes().get(SemanticKeys.ERROR_TYPE));
    assertEquals(StatusCode.UNSET, spans.get(1).getStatus().getStatusCode());
  }

  @Test
  void detachedRequestEndsOnlyWhenCompleted() {
    Object handle = hooks.serverStart("GET", "/async", headers(), null);
    hooks.serverDetach(handle, null, null);
    assertTrue(exporter.getFinishedSpanItems().isEmpty());
    hooks.serverEnd(handle, 200, null, null, null);
    hooks.serverEnd(handle, 200, null, null, null);

    assertEquals(1, exporter.getFinishedSpanItems().size());
  }

  @Test
  void garbageHandleNeverThrows() {
    hooks.serverEnd("not a handle", 200, null, null, null);
    hooks.serverDetach("not a handle", null, null);
    assertTrue(exporter.getFinishedSpanItems().isEmpty());
  }
}
