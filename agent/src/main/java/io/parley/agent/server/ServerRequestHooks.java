package io.parley.agent.server;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.parley.agent.llm.GenAiKeys;
import io.parley.agent.llm.TurnTotals;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.session.IdentityResolver;
import io.parley.agent.session.RequestIdentity;
import io.parley.agent.session.lifecycle.SessionTracker;
import io.parley.agent.telemetry.SemanticKeys;
import io.parley.bootstrap.ParleyHooks;
import io.parley.instrumentation.servlet.common.AsyncCompletionListener;
import java.util.concurrent.TimeUnit;

/**
 * Turns the servlet advice's reports into SERVER spans: continues the incoming trace, resolves
 * session, user and conversation, makes the request's context current while it runs, and ends
 * the span when the request (or its asynchronous work) completes.
 */
public final class ServerRequestHooks implements ParleyHooks {

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final IdentityResolver identities;
  private final SessionTracker sessions; // null: sessions are not tracked
  private final ParleyLog log;
  private final String[] headerNames;
  private final String[] lowerHeaderNames;

  public ServerRequestHooks(
      Tracer tracer,
      TextMapPropagator propagator,
      IdentityResolver identities,
      String[] headerNames,
      ParleyLog log) {
    this(tracer, propagator, identities, null, headerNames, log);
  }

  /** Also reports each request with a session to {@code sessions}. */
  public ServerRequestHooks(
      Tracer tracer,
      TextMapPropagator propagator,
      IdentityResolver identities,
      SessionTracker sessions,
      String[] headerNames,
      ParleyLog log) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.identities = identities;
    this.sessions = sessions;
    this.headerNames = headerNames.clone();
    this.lowerHeaderNames = RequestHeaders.lowerCase(headerNames);
    this.log = log;
  }

  @Override
  public String[] serverHeaderNames() {
    return headerNames;
  }

  @Override
  public Object serverStart(String method, String path, String[] headerValues, String principal) {
    try {
      RequestHeaders headers = new RequestHeaders(lowerHeaderNames, headerValues, principal);
      Context remote = propagator.extract(Context.root(), headers, RequestHeaders.GETTER);
      headers.setBaggage(Baggage.fromContext(remote));
      RequestIdentity identity = identities.resolve(headers);
      RequestState state =
          new RequestState(
              identity.sessionId(),
              identity.userId(),
              identity.conversationId(),
              identity.turnOverride());
      if (sessions != null) {
        state.attachSession(
            sessions.requestStarted(
                identity.sessionId(), identity.userId(), identity.previousSessionId()));
      }
      Context parent = remote.with(state);
      Span span =
          tracer
              .spanBuilder(method + " " + path)
              .setSpanKind(SpanKind.SERVER)
              .setParent(parent)
              .setAttribute(SemanticKeys.HTTP_REQUEST_METHOD, method)
              .setAttribute(SemanticKeys.URL_PATH, path)
              .startSpan();
      state.attachServerSpan(span);
      return new ServerRequest(
          span, state, parent.with(span).makeCurrent(), method, path);
    } catch (Throwable t) {
      fault("start", t);
      return null;
    }
  }

  @Override
  public void serverDetach(Object handle, String route, String principal) {
    try {
      ServerRequest request = (ServerRequest) handle;
      request.closeScope();
      applyRoute(request, route);
    } catch (Throwable t) {
      fault("detach", t);
    }
  }

  @Override
  public Object serverAsyncListener(Class<?> listenerType, final Object handle, Object response) {
    try {
      return AsyncCompletionListener.create(
          listenerType,
          response,
          new AsyncCompletionListener.Completion() {
            @Override
            public void completed(int status, Throwable error, boolean timedOut) {
              finish((ServerRequest) handle, status, error);
            }
          });
    } catch (Throwable t) {
      fault("async listener", t);
      return null;
    }
  }

  @Override
  public void serverEnd(Object handle, int status, Throwable error, String route, String principal) {
    try {
      ServerRequest request = (ServerRequest) handle;
      request.closeScope();
      applyRoute(request, route);
      finish(request, status, error);
    } catch (Throwable t) {
      fault("end", t);
    }
  }

  private static void applyRoute(ServerRequest request, String route) {
    if (route != null && !route.isEmpty()) {
      request.span.setAttribute(SemanticKeys.HTTP_ROUTE, route);
      request.span.updateName(request.method + " " + route);
    }
  }

  private void finish(ServerRequest request, int status, Throwable error) {
    if (!request.markEnded()) {
      return;
    }
    // an exception escaping the servlet becomes a 500 unless the response was already an error
    int effectiveStatus = error != null && status < 400 ? 500 : status;
    Span span = request.span;
    span.setAttribute(SemanticKeys.HTTP_RESPONSE_STATUS_CODE, (long) effectiveStatus);
    if (error != null) {
      span.setAttribute(SemanticKeys.ERROR_TYPE, error.getClass().getName());
      span.setStatus(StatusCode.ERROR, error.getClass().getName());
    } else if (effectiveStatus >= 500) {
      span.setAttribute(SemanticKeys.ERROR_TYPE, Integer.toString(effectiveStatus));
      span.setStatus(StatusCode.ERROR);
    }
    writeTurnTotals(span, request.state.totals());
    span.end();
    if (sessions != null) {
      sessions.requestEnded(
          request.state.session(),
          error != null || effectiveStatus >= 500,
          request.state.turnNumber() > 0);
    }
  }

  /** Turn totals use {@code turn.*} keys: backends sum {@code gen_ai.usage.*} over a trace. */
  private static void writeTurnTotals(Span span, TurnTotals totals) {
    long calls = totals.llmCalls();
    if (calls == 0) {
      return;
    }
    span.setAttribute(GenAiKeys.TURN_LLM_CALLS, calls);
    span.setAttribute(GenAiKeys.TURN_INPUT_TOKENS, totals.inputTokens());
    span.setAttribute(GenAiKeys.TURN_OUTPUT_TOKENS, totals.outputTokens());
    Double cost = totals.costUsd();
    if (cost != null) {
      span.setAttribute(GenAiKeys.TURN_COST_USD, cost);
    }
  }

  private void fault(String where, Throwable t) {
    log.warnRateLimited(
        "server-" + where,
        1,
        TimeUnit.MINUTES,
        "internal error in server request " + where + " (request unaffected): " + t);
  }
}
