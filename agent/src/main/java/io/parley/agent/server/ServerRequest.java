package io.parley.agent.server;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;

/** The handle the server advice keeps for one inbound request: its span and scope. */
final class ServerRequest {

  final Span span;
  final RequestState state;
  final String method;
  final String path;
  private Scope scope;
  private final AtomicBoolean ended = new AtomicBoolean();

  ServerRequest(Span span, RequestState state, Scope scope, String method, String path) {
    this.span = span;
    this.state = state;
    this.scope = scope;
    this.method = method;
    this.path = path;
  }

  /** Releases the thread that started the request; only ever called on that thread. */
  void closeScope() {
    Scope current = scope;
    scope = null;
    if (current != null) {
      current.close();
    }
  }

  /** True for the first caller only, so a request's span ends exactly once. */
  boolean markEnded() {
    return ended.compareAndSet(false, true);
  }
}
