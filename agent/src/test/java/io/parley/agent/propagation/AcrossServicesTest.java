package io.parley.agent.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.parley.agent.llm.LlmEndpoints;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.server.ServerRequestHooks;
import io.parley.agent.session.IdHasher;
import io.parley.agent.session.IdentityResolver;
import io.parley.agent.session.IdentitySettings;
import io.parley.agent.telemetry.RequestAttributesSpanProcessor;
import io.parley.agent.telemetry.SemanticKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Service A's outbound headers read by service B's server hooks, both as the agent wires them:
 * B's request joins A's trace (its server span a child of A's) and A's session and user, even
 * when B hashes users differently.
 */
class AcrossServicesTest {

  private static final String[] NAMES = {
    "traceparent", "tracestate", "baggage", "cookie", "x-session-id", "session-id",
    "helicone-session-id", "x-user-id", "x-conversation-id", "x-turn-number"
  };
  private static final TextMapPropagator PROPAGATORS =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder()
          .addSpanProcessor(new RequestAttributesSpanProcessor())
          .addSpanProcessor(SimpleSpanProcessor.create(exporter))
          .build();
  private final List<String> logLines = new ArrayList<>();
  private final ParleyLog log = new ParleyLog(logLines::add, System::nanoTime);

  @AfterEach
  void close() {
    tracing.close();
  }

  private ServerRequestHooks service(IdentitySettings identity) {
    return new ServerRequestHooks(
        tracing.get("test"), PROPAGATORS, new IdentityResolver(identity, log), NAMES, log);
  }

  private static String[] values(Map<String, String> headers) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    String[] values = new String[NAMES.length];
    for (int i = 0; i < NAMES.length; i++) {
      values[i] = byName.get(NAMES[i]);
    }
    return values;
  }

  private static Map<String, String> map(String... namesAndValues) {
    Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  private SpanData serverSpan(String path) {
    for (SpanData span : exporter.getFinishedSpanItems()) {
      if (span.getKind() == SpanKind.SERVER
          && path.equals(span.getAttributes().get(SemanticKeys.URL_PATH))) {
        return span;
      }
    }
    throw new AssertionError("no server span for " + path + ": " + exporter.getFinishedSpanItems());
  }

  /** A handles /a with the given headers and, inside it, calls B's /b with what A adds. */
  private void callThroughAToB(
      IdentitySettings a, IdentitySettings b, Map<String, String> headersToA) {
    ServerRequestHooks serviceA = service(a);
    ServerRequestHooks serviceB = service(b);
    OutboundHeaders outboundOfA =
        new OutboundHeaders(PROPAGATORS, new LlmEndpoints(), a, false);

    Object requestA = serviceA.serverStart("GET", "/a", values(headersToA), null);
    String[] toB =
        outboundOfA.headersFor(Context.current(), "GET", "http://127.0.0.1:8081/b", name -> null);
    Map<String, String> headersToB = map(toB);
    Object requestB = serviceB.serverStart("GET", "/b", values(headersToB), null);
    serviceB.serverEnd(requestB, 200, null, null, null);
    serviceA.serverEnd(requestA, 200, null, null, null);
  }

  @Test
  void bJoinsAsTraceAsAChildOfAsServerSpanWithAsSessionAndUser() {
    callThroughAToB(
        IdentitySettings.defaults(),
        IdentitySettings.defaults(),
        map("X-Session-Id", "chat-7", "X-User-Id", "alice"));

    SpanData a = serverSpan("/a");
    SpanData b = serverSpan("/b");
    assertEquals(a.getTraceId(), b.getTraceId());
    assertEquals(a.getSpanId(), b.getParentSpanId());
    assertEquals("chat-7", b.getAttributes().get(SemanticKeys.SESSION_ID));
    assertEquals(new IdHasher(null).hash("alice"), a.getAttributes().get(SemanticKeys.USER_ID));
    assertEquals(a.getAttributes().get(SemanticKeys.USER_ID), b.getAttributes().get(SemanticKeys.USER_ID));
  }

  @Test
  void theFirstServicesHashWinsWhateverBsHashSettings() {
    IdentitySettings keyed = IdentitySettings.builder().hashKey("a-key").build();
    IdentitySettings otherKey = IdentitySettings.builder().hashKey("b-key").build();
    callThroughAToB(keyed, otherKey, map("X-Session-Id", "chat-8", "X-User-Id", "alice"));
    assertEquals(
        new IdHasher("a-key").hash("alice"),
        serverSpan("/b").getAttributes().get(SemanticKeys.USER_ID));

    exporter.reset();
    IdentitySettings raw = IdentitySettings.builder().hashUsers(false).build();
    callThroughAToB(keyed, raw, map("X-Session-Id", "chat-9", "X-User-Id", "alice"));
    assertEquals(
        new IdHasher("a-key").hash("alice"),
        serverSpan("/b").getAttributes().get(SemanticKeys.USER_ID),
        "a service recording users as sent never sees the raw id of another's user");
  }

  @Test
  void aDerivedSessionIsBsSessionToo() {
    callThroughAToB(IdentitySettings.defaults(), IdentitySettings.defaults(), map("X-User-Id", "dave"));

    Object sessionOfA = serverSpan("/a").getAttributes().get(SemanticKeys.SESSION_ID);
    assertEquals(sessionOfA, serverSpan("/b").getAttributes().get(SemanticKeys.SESSION_ID));
  }

  @Test
  void aRequestWithoutSessionOrUserOnlyJoinsTheTrace() {
    IdentitySettings off = IdentitySettings.builder().deriveFromUser(false).build();
    callThroughAToB(off, IdentitySettings.defaults(), map());

    SpanData b = serverSpan("/b");
    assertEquals(serverSpan("/a").getSpanId(), b.getParentSpanId());
    assertNull(b.getAttributes().get(SemanticKeys.SESSION_ID));
    assertNull(b.getAttributes().get(SemanticKeys.USER_ID));
  }
}
