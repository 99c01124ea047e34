package io.parley.agent.server;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;
import io.parley.agent.llm.TurnTotals;
import io.parley.agent.session.lifecycle.TrackedRequest;

/**
 * What the agent knows about the inbound request being handled: its session, user and
 * conversation, its turn number once it made an LLM call, and the totals of those calls. Travels
 * in the OpenTelemetry {@link Context}, so that every span started inside the request can be
 * labelled with it.
 */
public final class RequestState implements ImplicitContextKeyed {

  private static final ContextKey<RequestState> KEY = ContextKey.named("parley-request-state");

  private final String sessionId;
  private final String userId;
  private final String conversationId;
  private final Long turnOverride;
  private final TurnTotals totals = new TurnTotals();
  private volatile Span serverSpan;
  private volatile long turnNumber;
  private volatile TrackedRequest session;

  public RequestState(String sessionId, String userId, String conversationId, Long turnOverride) {
    this.sessionId = sessionId;
    this.userId = userId;
    this.conversationId = conversationId;
    this.turnOverride = turnOverride;
  }

  /** The state of the request that {@code context} belongs to, or null outside any request. */
  public static RequestState from(Context context) {
    return context == null ? null : context.get(KEY);
  }

  @Override
  public Context storeInContext(Context context) {
    return context.with(KEY, this);
  }

  public String sessionId() {
    return sessionId;
  }

  public String userId() {
    return userId;
  }

  public String conversationId() {
    return conversationId;
  }

  /** The client's valid {@code X-Turn-Number}, or null. */
  public Long turnOverride() {
    return turnOverride;
  }

  void attachServerSpan(Span span) {
    this.serverSpan = span;
  }

  /** The request's SERVER span, or null before it started. */
  public Span serverSpan() {
    return serverSpan;
  }

  /** The turn number, or 0 while the request has made no LLM call. */
  public long turnNumber() {
    return turnNumber;
  }

  /** Records the turn number assigned at the request's first LLM call. */
  public void setTurnNumber(long turn) {
    this.turnNumber = turn;
  }

  /** The request's place in its tracked session, or null when it has none. */
  public TrackedRequest session() {
    return session;
  }

  void attachSession(TrackedRequest session) {
    this.session = session;
  }

  /** The LLM calls this request made so far. */
  public TurnTotals totals() {
    return totals;
  }
}
