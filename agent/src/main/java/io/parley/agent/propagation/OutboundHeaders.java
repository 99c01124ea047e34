package io.parley.agent.propagation;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.parley.agent.llm.LlmEndpoints;
import io.parley.agent.llm.OutboundUrl;
import io.parley.agent.server.RequestState;
import io.parley.agent.session.IdHasher;
import io.parley.agent.session.IdentitySettings;
import io.parley.bootstrap.PropagationHooks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what an outbound HTTP request carries so that a downstream service running the agent
 * joins the same trace and session (SPEC §6). The current span's trace context goes out through
 * the SDK's configured propagator ({@code OTEL_PROPAGATORS}); inside an inbound request, also the
 * first configured session header with the session id and the W3C baggage entries
 * {@code session.id} and {@code user.id} (always hashed), merged into the application's own
 * baggage. LLM providers, configured LLM hosts and LLM API calls get the trace context only,
 * unless {@code parley.propagation.to.llm.hosts} says otherwise. A header the application set
 * itself is never replaced; no CLIENT span is made, so the trace context names the current span
 * (the request's server span, or the application's LLM span).
 */
public final class OutboundHeaders implements PropagationHooks {

  static final String BAGGAGE = "baggage";
  private static final String[] NONE = new String[0];

  private final TextMapPropagator traceContext;
  private final LlmEndpoints llmEndpoints;
  private final boolean toLlmHosts;
  private final String sessionHeader; // null: none configured
  private final String sessionBaggageKey; // null: none configured
  private final String userBaggageKey; // null: none configured
  private final IdHasher hasher; // for users recorded as sent: never sent raw

  /**
   * @param traceContext the SDK's configured propagator; any baggage it would write is left out
   * @param identity names the session header and baggage keys (the first of each list) and the
   *     user hash key
   * @param toLlmHosts whether LLM hosts and calls get the session header and baggage too
   */
  public OutboundHeaders(
      TextMapPropagator traceContext,
      LlmEndpoints llmEndpoints,
      IdentitySettings identity,
      boolean toLlmHosts) {
    this.traceContext = traceContext;
    this.llmEndpoints = llmEndpoints;
    this.toLlmHosts = toLlmHosts;
    this.sessionHeader = first(identity.sessionHeaders());
    this.sessionBaggageKey = first(identity.sessionBaggageKeys());
    this.userBaggageKey = first(identity.userBaggageKeys());
    this.hasher = new IdHasher(identity.hashKey());
  }

  @Override
  public String[] outboundHeaders(String method, String url, Headers existing) {
    return headersFor(Context.current(), method, url, existing);
  }

  /** The headers to set (name, value, ...) on a request sent in {@code context}. */
  public String[] headersFor(Context context, String method, String url, Headers existing) {
    boolean traced = Span.fromContext(context).getSpanContext().isValid();
    RequestState request = RequestState.from(context);
    if (!traced && request == null) {
      return NONE;
    }
    List<String> headers = new ArrayList<>(8);
    if (traced) {
      addTraceContext(context, existing, headers);
    }
    if (request != null && carriesSession(method, url)) {
      addSession(request, existing, headers);
    }
    return headers.isEmpty() ? NONE : headers.toArray(new String[0]);
  }

  /**
   * Whether a request gets the session header and baggage: not to LLM providers, configured LLM
   * hosts ({@code host:port} entries by port) or LLM API paths, unless configured to.
   */
  boolean carriesSession(String method, String url) {
    if (toLlmHosts) {
      return true;
    }
    OutboundUrl target = OutboundUrl.parse(url);
    if (target == null) {
      return false; // a destination it cannot tell: nothing that identifies the session
    }
    return !llmEndpoints.isProviderHost(target.host(), target.port())
        && llmEndpoints.classify(method, target.host(), target.port(), target.path()) == null;
  }

  /** All of the propagator's headers, or none when the application set any of them itself. */
  private void addTraceContext(Context context, Headers existing, List<String> headers) {
    Map<String, String> injected = new LinkedHashMap<>(4);
    // without the inbound request's baggage: what Parley sends as baggage is decided below
    traceContext.inject(context.with(Baggage.empty()), injected, MapSetter.INSTANCE);
    for (String name : injected.keySet()) {
      if (existing.get(name) != null) {
        return;
      }
    }
    for (Map.Entry<String, String> header : injected.entrySet()) {
      headers.add(header.getKey());
      headers.add(header.getValue());
    }
  }

  private void addSession(RequestState request, Headers existing, List<String> headers) {
    String session = request.sessionId();
    String user = request.userId();
    if (user != null && !request.userIdHashed()) {
      user = hasher.hash(user); // parley.user.hash=none records it raw, but it never travels raw
    }
    if (sessionHeader != null && session != null && existing.get(sessionHeader) == null) {
      headers.add(sessionHeader);
      headers.add(session);
    }
    String baggage =
        BaggageHeader.merge(
            existing.get(BAGGAGE), sessionBaggageKey, session, userBaggageKey, user);
    if (baggage != null) {
      headers.add(BAGGAGE);
      headers.add(baggage);
    }
  }

  private static String first(List<String> names) {
    for (String name : names) {
      if (name != null && !name.trim().isEmpty()) {
        return name.trim();
      }
    }
    return null;
  }

  private enum MapSetter implements TextMapSetter<Map<String, String>> {
    INSTANCE;

    @Override
    public void set(Map<String, String> carrier, String key, String value) {
      if (carrier != null && key != null && value != null) {
        carrier.put(key, value);
      }
    }
  }
}
