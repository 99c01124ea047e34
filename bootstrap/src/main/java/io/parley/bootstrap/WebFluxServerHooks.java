package io.parley.bootstrap;

/**
 * Agent-side code around Spring WebFlux's {@code HttpWebHandlerAdapter}, the entry of every
 * request a WebFlux application serves on Reactor Netty (or Undertow's, Tomcat's and Jetty's
 * reactive adapters). Spring and Reactor types travel as {@code Object}: they belong to the
 * application's class loader.
 */
public interface WebFluxServerHooks {

  /**
   * A request (a {@code ServerHttpRequest}) enters the adapter: its server span starts and is
   * current on this thread until {@link #handled}. Null when the request is not tracked here
   * (a servlet container hosting WebFlux already tracks it).
   */
  Object start(Object request);

  /** The adapter created the request's {@code ServerWebExchange}, read for the route at the end. */
  void exchangeCreated(Object exchange);

  /**
   * The adapter returned {@code completion} (a {@code Mono<Void>}) or threw {@code thrown}: the
   * span leaves this thread; what the adapter returns instead, subscribed in the request's
   * context and ending the span when it terminates.
   */
  Object handled(Object handle, Object response, Object completion, Throwable thrown);
}
