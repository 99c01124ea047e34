package io.parley.bootstrap;

/**
 * The static entry points of the {@code java.net.http} advice (see {@link JdkHttpHooks}). Never
 * throw; no-ops until the hooks are installed.
 */
public final class JdkHttpBridge {

  private static volatile JdkHttpHooks hooks;

  private JdkHttpBridge() {}

  /** Called once by the java.net.http instrumentation when it is installed. */
  public static void install(JdkHttpHooks jdkHttpHooks) {
    hooks = jdkHttpHooks;
  }

  /**
   * java.net.http: an LLM request is about to be sent with {@code handler}; returns the
   * {@code BodyHandler} to use instead, or null to keep {@code handler}.
   */
  public static Object send(Object call, Object request, Object handler) {
    JdkHttpHooks h = hooks;
    if (h == null || call == null) {
      return null;
    }
    try {
      return h.send(call, request, handler);
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * java.net.http: an LLM request to send instead of {@code request}, or null (see {@link
   * JdkHttpHooks#tapRequestBody}).
   */
  public static Object tapRequestBody(Object call, Object request) {
    JdkHttpHooks h = hooks;
    if (h == null || call == null || request == null) {
      return null;
    }
    try {
      return h.tapRequestBody(call, request);
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * java.net.http: a request is about to be sent; returns a copy of {@code request} carrying the
   * propagation headers, or null to send it as it is.
   */
  public static Object propagate(Object request) {
    JdkHttpHooks h = hooks;
    if (h == null || request == null || !ParleyBridge.propagationInstalled()) {
      return null;
    }
    try {
      return h.propagate(request);
    } catch (Throwable t) {
      return null;
    }
  }

  /** java.net.http: the send method returned {@code future} or threw {@code thrown}. */
  public static void sent(Object exchange, Object future, Throwable thrown) {
    JdkHttpHooks h = hooks;
    if (h != null && exchange != null) {
      try {
        h.sent(exchange, future, thrown);
      } catch (Throwable ignored) {
        // never reaches the application
      }
    }
  }
}
