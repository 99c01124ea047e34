package io.parley.agent.propagation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.parley.agent.llm.LlmEndpoints;
import io.parley.agent.server.RequestState;
import io.parley.agent.session.IdHasher;
import io.parley.agent.session.IdentitySettings;
import io.parley.bootstrap.PropagationHooks;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an outbound request gets, inside and outside an inbound request, by destination. */
class OutboundHeadersTest {

  private static final String SESSION = "chat-42";
  private static final String USER_HASH = new IdHasher(null).hash("alice");
  private static final TextMapPropagator DEFAULT_PROPAGATORS =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
          .build();
  private final Span serverSpan = tracing.get("test").spanBuilder("GET /a").startSpan();
  private final Context inRequest =
      Context.root()
          .with(new RequestState(SESSION, USER_HASH, SESSION, null, true))
          .with(serverSpan);

  @AfterEach
  void close() {
    serverSpan.end();
    tracing.close();
  }

  private static OutboundHeaders outbound() {
    return outbound(new LlmEndpoints(), IdentitySettings.defaults(), false);
  }

  private static OutboundHeaders outbound(
      LlmEndpoints endpoints, IdentitySettings identity, boolean toLlmHosts) {
    return new OutboundHeaders(DEFAULT_PROPAGATORS, endpoints, identity, toLlmHosts);
  }

  /** Headers as the application set them, matched case-insensitively. */
  private static PropagationHooks.Headers existing(String... namesAndValues) {
    Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map::get;
  }

  private static Map<String, String> asMap(String[] namesAndValues) {
    assertEquals(0, namesAndValues.length % 2, Arrays.toString(namesAndValues));
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  private Map<String, String> headers(OutboundHeaders outbound, String method, String url) {
    return asMap(outbound.headersFor(inRequest, method, url, existing()));
  }

  private String traceparentOf(Span span) {
    SpanContext context = span.getSpanContext();
    return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
  }

  private String ourBaggage() {
    return "session.id=" + SESSION + ",user.id=" + USER_HASH + ";parley.hashed";
  }

  @Test
  void insideARequestADownstreamServiceGetsTraceSessionHeaderAndBaggage() {
    Map<String, String> headers = headers(outbound(), "GET", "http://orders.internal:8080/orders/7");

    assertEquals(traceparentOf(serverSpan), headers.get("traceparent"));
    assertEquals(SESSION, headers.get("X-Session-Id"));
    assertEquals(ourBaggage(), headers.get("baggage"));
    assertEquals(
        Arrays.asList("traceparent", "X-Session-Id", "baggage"),
        Arrays.asList(headers.keySet().toArray()));
  }

  @Test
  void traceparentNamesTheCurrentSpanSoTheDownstreamServerSpanIsItsChild() {
    Span llmSpan =
        tracing.get("test").spanBuilder("chat gpt-4o").setParent(inRequest).startSpan();
    Context inLlmCall = inRequest.with(llmSpan);

    Map<String, String> headers =
        asMap(outbound().headersFor(inLlmCall, "GET", "http://b.internal/b", existing()));

    llmSpan.end();
    assertEquals(traceparentOf(llmSpan), headers.get("traceparent"));
  }

  @Test
  void postsAndOtherMethodsGetTheSameHeaders() {
    assertEquals(
        headers(outbound(), "GET", "http://b.internal/b"),
        headers(outbound(), "POST", "http://b.internal/b"));
  }

  @Test
  void theApplicationsOwnTraceContextIsKeptAndNotMixedWithOurs() {
    Map<String, String> headers =
        asMap(
            outbound()
                .headersFor(
                    inRequest,
                    "GET",
                    "http://b.internal/b",
                    existing("TraceParent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")));

    assertFalse(headers.containsKey("traceparent"));
    assertFalse(headers.containsKey("tracestate"));
    assertEquals(SESSION, headers.get("X-Session-Id"));
  }

  @Test
  void theApplicationsOwnSessionHeaderIsKept() {
    Map<String, String> headers =
        asMap(
            outbound()
                .headersFor(inRequest, "GET", "http://b.internal/b", existing("x-session-id", "own")));

    assertFalse(headers.containsKey("X-Session-Id"));
    assertTrue(headers.containsKey("traceparent"));
    assertEquals(ourBaggage(), headers.get("baggage"), "baggage still says the request's session");
  }

  @Test
  void theApplicationsBaggageIsKeptVerbatimAndOnlyOurKeysAreReplaced() {
    Map<String, String> headers =
        asMap(
            outbound()
                .headersFor(
                    inRequest,
                    "GET",
                    "http://b.internal/b",
                    existing(
                        "Baggage",
                        "tenant=acme;prop=1, session.id=old ,odd member,user.id=bob,k=%20v")));

    assertEquals(
        "tenant=acme;prop=1,odd member,k=%20v," + ourBaggage(), headers.get("baggage"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, https://api.openai.com/v1/chat/completions",
    "GET, https://api.openai.com/v1/models",
    "POST, https://api.anthropic.com/v1/messages",
    "POST, https://my-res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21",
    "POST, https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
    "POST, https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse",
    "POST, http://vllm.internal:8000/v1/chat/completions",
    "POST, http://ollama.internal:11434/api/chat",
  })
  void llmProvidersAndLlmCallsGetTheTraceContextButNoSessionHeaderNorBaggage(
      String method, String url) {
    Map<String, String> headers = headers(outbound(), method, url);

    assertEquals(Collections.singleton("traceparent"), headers.keySet(), headers.toString());
    assertEquals(traceparentOf(serverSpan), headers.get("traceparent"));
  }

  @Test
  void aConfiguredLlmHostWithAPortIsMatchedByHostAndPort() {
    OutboundHeaders outbound =
        outbound(
            new LlmEndpoints(Arrays.asList("127.0.0.1:9100"), Collections.<String>emptyList()),
            IdentitySettings.defaults(),
            false);

    assertEquals(
        Collections.singleton("traceparent"),
        headers(outbound, "GET", "http://127.0.0.1:9100/anything").keySet());
    assertEquals(
        SESSION, headers(outbound, "GET", "http://127.0.0.1:8080/b").get("X-Session-Id"),
        "another service on the same host is not the LLM host");
  }

  @Test
  void aConfiguredLlmHostWithoutAPortIsMatchedOnEveryPort() {
    OutboundHeaders outbound =
        outbound(
            new LlmEndpoints(Arrays.asList("llm.internal"), Collections.<String>emptyList()),
            IdentitySettings.defaults(),
            false);

    assertEquals(
        Collections.singleton("traceparent"),
        headers(outbound, "GET", "http://llm.internal:8000/v1/models").keySet());
    assertEquals(
        Collections.singleton("traceparent"),
        headers(outbound, "GET", "https://LLM.internal/health").keySet());
  }

  @Test
  void llmHostsGetTheSessionTooWhenConfiguredSo() {
    OutboundHeaders outbound = outbound(new LlmEndpoints(), IdentitySettings.defaults(), true);

    Map<String, String> headers = headers(outbound, "POST", "https://api.openai.com/v1/chat/completions");

    assertEquals(SESSION, headers.get("X-Session-Id"));
    assertEquals(ourBaggage(), headers.get("baggage"));
    assertTrue(headers.containsKey("traceparent"));
  }

  @Test
  void outsideARequestOnlyTheCurrentSpansTraceContextGoesOut() {
    Span job = tracing.get("test").spanBuilder("job").startSpan();
    Context outside = Context.root().with(job);

    Map<String, String> headers =
        asMap(outbound().headersFor(outside, "GET", "http://b.internal/b", existing()));

    job.end();
    assertEquals(Collections.singletonMap("traceparent", traceparentOf(job)), headers);
  }

  @Test
  void outsideARequestWithoutASpanNothingIsAdded() {
    assertArrayEquals(
        new String[0],
        outbound().headersFor(Context.root(), "GET", "http://b.internal/b", existing()));
  }

  @Test
  void aRequestWithoutSessionOrUserSendsOnlyTheTraceContext() {
    Context anonymous = Context.root().with(new RequestState(null, null, null, null)).with(serverSpan);

    Map<String, String> headers =
        asMap(outbound().headersFor(anonymous, "GET", "http://b.internal/b", existing()));

    assertEquals(Collections.singleton("traceparent"), headers.keySet());
  }

  @Test
  void aUserRecordedAsSentIsHashedBeforeItTravels() {
    IdentitySettings raw =
        IdentitySettings.builder().hashUsers(false).hashKey("k3y").build();
    Context rawUser =
        Context.root().with(new RequestState(SESSION, "alice", SESSION, null, false)).with(serverSpan);

    String baggage =
        asMap(outbound(new LlmEndpoints(), raw, false)
                .headersFor(rawUser, "GET", "http://b.internal/b", existing()))
            .get("baggage");

    assertEquals(
        "session.id=" + SESSION + ",user.id=" + new IdHasher("k3y").hash("alice") + ";parley.hashed",
        baggage);
  }

  @Test
  void theInboundRequestsBaggageIsNotForwarded() {
    Baggage inbound =
        Baggage.builder().put("user.id", "alice@example.com").put("tenant", "acme").build();
    Context withInboundBaggage = inRequest.with(inbound);

    Map<String, String> headers =
        asMap(outbound().headersFor(withInboundBaggage, "GET", "http://b.internal/b", existing()));

    assertEquals(ourBaggage(), headers.get("baggage"));
    assertFalse(headers.toString().contains("alice"));
  }

  @Test
  void theConfiguredPropagatorWritesTheTraceContext() {
    TextMapPropagator custom =
        new TextMapPropagator() {
          @Override
          public List<String> fields() {
            return Collections.singletonList("x-trace");
          }

          @Override
          public <C> void inject(
              Context context, C carrier, io.opentelemetry.context.propagation.TextMapSetter<C> setter) {
            setter.set(carrier, "x-trace", Span.fromContext(context).getSpanContext().getTraceId());
          }

          @Override
          public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
            return context;
          }
        };
    OutboundHeaders outbound =
        new OutboundHeaders(custom, new LlmEndpoints(), IdentitySettings.defaults(), false);

    Map<String, String> headers = headers(outbound, "GET", "http://b.internal/b");

    assertEquals(serverSpan.getSpanContext().getTraceId(), headers.get("x-trace"));
    assertFalse(headers.containsKey("traceparent"));
  }

  @Test
  void withNoPropagatorConfiguredTheSessionStillTravels() {
    OutboundHeaders outbound =
        new OutboundHeaders(
            TextMapPropagator.noop(), new LlmEndpoints(), IdentitySettings.defaults(), false);

    Map<String, String> headers = headers(outbound, "GET", "http://b.internal/b");

    assertEquals(Arrays.asList("X-Session-Id", "baggage"), Arrays.asList(headers.keySet().toArray()));
  }

  @Test
  void theFirstConfiguredSessionHeaderAndBaggageKeysAreUsed() {
    IdentitySettings identity =
        IdentitySettings.builder()
            .sessionHeaders(Arrays.asList("X-Chat-Session", "X-Session-Id"))
            .sessionBaggageKeys(Arrays.asList("langfuse_session_id"))
            .userBaggageKeys(Arrays.asList("langfuse_user_id", "user.id"))
            .build();

    Map<String, String> headers =
        headers(outbound(new LlmEndpoints(), identity, false), "GET", "http://b.internal/b");

    assertEquals(SESSION, headers.get("X-Chat-Session"));
    assertFalse(headers.containsKey("X-Session-Id"));
    assertEquals(
        "langfuse_session_id=" + SESSION + ",langfuse_user_id=" + USER_HASH + ";parley.hashed",
        headers.get("baggage"));
  }

  @Test
  void withoutSessionHeadersConfiguredOnlyBaggageCarriesTheSession() {
    IdentitySettings identity =
        IdentitySettings.builder().sessionHeaders(Collections.<String>emptyList()).build();

    Map<String, String> headers =
        headers(outbound(new LlmEndpoints(), identity, false), "GET", "http://b.internal/b");

    assertEquals(Arrays.asList("traceparent", "baggage"), Arrays.asList(headers.keySet().toArray()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a,b;c", "100%+sure", "quote\"back\\slash", "caf\u00e9=ok"})
  void sessionIdsAreEncodedSoTheW3cParserReadsThemBack(String session) {
    Context context =
        Context.root().with(new RequestState(session, USER_HASH, session, null, true)).with(serverSpan);
    String baggage =
        asMap(outbound().headersFor(context, "GET", "http://b.internal/b", existing())).get("baggage");

    Baggage parsed =
        Baggage.fromContext(
            W3CBaggagePropagator.getInstance()
                .extract(
                    Context.root(),
                    Collections.singletonMap("baggage", baggage),
                    new TextMapGetter<Map<String, String>>() {
                      @Override
                      public Iterable<String> keys(Map<String, String> carrier) {
                        return carrier.keySet();
                      }

                      @Override
                      public String get(Map<String, String> carrier, String key) {
                        return carrier == null ? null : carrier.get(key);
                      }
                    }));

    assertEquals(session, parsed.getEntryValue("session.id"), baggage);
    assertEquals(USER_HASH, parsed.getEntryValue("user.id"));
    assertEquals("parley.hashed", parsed.getEntry("user.id").getMetadata().getValue());
  }

  @Test
  void anUnreadableUrlGetsNoSessionData() {
    Map<String, String> headers = headers(outbound(), "GET", "not a url");

    assertEquals(Collections.singleton("traceparent"), headers.keySet());
    assertNull(headers.get("baggage"));
  }
}
