package io.parley.agent.server;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;

/**
 * What the agent knows about the inbound request being handled: its session, user and
 * conversation. Travels in the OpenTelemetry {@link Context}, so that every span started inside
 * the request can be labelled with it.
 */
public final class RequestState implements ImplicitContextKeyed {

  private static final ContextKey<RequestState> KEY = ContextKey.named("parley-request-state");

  private final String sessionId;
  private final String userId;
  private final String conversationId;

  public RequestState(String sessionId, String userId, String conversationId) {
    this.sessionId = sessionId;
    this.userId = userId;
    this.conversationId = conversationId;
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
}
