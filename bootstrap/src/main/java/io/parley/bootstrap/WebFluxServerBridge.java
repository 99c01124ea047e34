package io.parley.bootstrap;

/**
 * The static entry points of the Spring WebFlux server advice (see {@link WebFluxServerHooks}).
 * Never throw; no-ops until the hooks are installed.
 */
public final class WebFluxServerBridge {

  private static volatile WebFluxServerHooks hooks;

  private WebFluxServerBridge() {}

  /** Called by the instrumentation module when the agent installs it. */
  public static void install(WebFluxServerHooks webFluxHooks) {
    hooks = webFluxHooks;
  }

  /** Inlined at the start of {@code HttpWebHandlerAdapter.handle}: the request's handle or null. */
  public static Object start(Object request) {
    WebFluxServerHooks h = hooks;
    if (h == null || request == null) {
      return null;
    }
    try {
      return h.start(request);
    } catch (Throwable t) {
      return null;
    }
  }

  /** Inlined at the exit of {@code HttpWebHandlerAdapter.createExchange}. */
  public static void exchangeCreated(Object exchange) {
    WebFluxServerHooks h = hooks;
    if (h == null || exchange == null) {
      return;
    }
    try {
      h.exchangeCreated(exchange);
    } catch (Throwable ignored) {
      // never reaches the application
    }
  }

  /** Inlined at the exit of {@code HttpWebHandlerAdapter.handle}: what it returns instead. */
  public static Object handled(
      Object handle, Object response, Object completion, Throwable thrown) {
    WebFluxServerHooks h = hooks;
    if (h == null || handle == null) {
      return completion;
    }
    try {
      Object wrapped = h.handled(handle, response, completion, thrown);
      return wrapped != null ? wrapped : completion;
    } catch (Throwable t) {
      return completion;
    }
  }
}
