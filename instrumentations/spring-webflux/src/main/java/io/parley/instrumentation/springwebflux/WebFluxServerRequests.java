package io.parley.instrumentation.springwebflux;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.WebFluxServerHooks;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Spring WebFlux requests as server requests of the agent: started when they enter {@code
 * HttpWebHandlerAdapter} (headers read for the session and user; the principal is a {@code Mono}
 * there and is not read), ended when the adapter's {@code Mono} terminates, with the response's
 * status and the matched route.
 *
 * <p>The adapter only assembles the reactive chain; the server subscribes to it after {@code
 * handle} returns, and the handler's own work (its controller, a WebClient call, a Spring AI
 * stream) is subscribed then. The returned {@code Mono} therefore subscribes with the request's
 * context current, so whatever the chain starts on the subscribing thread is part of the request.
 *
 * <p>A servlet container serving WebFlux (Tomcat's, Jetty's, Undertow's servlet adapters) has
 * already started the request's span, current here: the request is left to the servlet advice,
 * and only WebFlux's route is given to that span, since the servlet request never holds it.
 */
final class WebFluxServerRequests implements WebFluxServerHooks {

  /** The request whose {@code handle} is running on this thread, for its {@code createExchange}. */
  private static final ThreadLocal<WebFluxRequest> STARTING = new ThreadLocal<WebFluxRequest>();

  @Override
  public Object start(Object request) {
    WebFluxApi api = WebFluxApi.of(request);
    if (api == null) {
      return null;
    }
    try {
      String method = api.method(request);
      Context current = Context.current();
      if (current != Context.root()) {
        // a servlet container serves this WebFlux application: its advice tracks the request
        Span servletSpan = Span.fromContext(current);
        if (!servletSpan.getSpanContext().isValid()) {
          return null;
        }
        WebFluxRequest hosted =
            new WebFluxRequest(api, null, current, method, servletSpan);
        STARTING.set(hosted);
        return hosted;
      }
      String[] names = ParleyBridge.serverHeaderNames();
      String[] values = new String[names.length];
      Object headers = api.headers(request);
      for (int i = 0; i < names.length; i++) {
        values[i] = api.header(headers, names[i]);
      }
      Object handle = ParleyBridge.serverStart(method, api.path(request), values, null);
      if (handle == null) {
        return null;
      }
      WebFluxRequest started =
          new WebFluxRequest(api, handle, Context.current(), method, null);
      STARTING.set(started);
      return started;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void exchangeCreated(Object exchange) {
    WebFluxRequest request = STARTING.get();
    if (request != null && request.exchange == null) {
      request.exchange = exchange;
    }
  }

  @Override
  public Object handled(Object handle, final Object response, Object completion, Throwable thrown) {
    final WebFluxRequest request = (WebFluxRequest) handle;
    STARTING.remove();
    if (request.handle != null) {
      ParleyBridge.serverDetach(request.handle, null, null); // the span leaves this thread
    }
    if (thrown != null || completion == null) {
      request.end(response, thrown);
      return completion;
    }
    try {
      return request.api.watched(
          completion,
          () -> {
            final Scope scope = request.context.makeCurrent();
            return scope::close;
          },
          ignored -> request.end(response, null),
          error -> request.end(response, (Throwable) error),
          () -> request.end(response, null)); // the client went away: the span ends as it stands
    } catch (ReflectiveOperationException | RuntimeException e) {
      request.end(response, null); // not watched: a span that ends now rather than never
      return completion;
    }
  }

  /** One WebFlux request, from entry to the end of its response. */
  private static final class WebFluxRequest {
    final WebFluxApi api;
    /** The agent's server request; null when a servlet container's span stands for it. */
    final Object handle;
    final Context context;
    final String method;
    /** The servlet container's span, named by WebFlux's route at the end; else null. */
    final Span servletSpan;
    volatile Object exchange;
    private final AtomicBoolean ended = new AtomicBoolean();

    WebFluxRequest(WebFluxApi api, Object handle, Context context, String method, Span servletSpan) {
      this.api = api;
      this.handle = handle;
      this.context = context;
      this.method = method;
      this.servletSpan = servletSpan;
    }

    void end(Object response, Throwable error) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      int status = 200;
      String route = null;
      try {
        status = api.status(response);
        route = exchange == null ? null : api.route(exchange);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // the span ends with what is known
      }
      if (handle != null) {
        ParleyBridge.serverEnd(handle, status, error, route, null);
      } else if (route != null && !route.isEmpty()) {
        // before the servlet container completes the request and its advice ends the span
        servletSpan.setAttribute("http.route", route);
        servletSpan.updateName(method + " " + route);
      }
    }
  }
}
