package io.parley.bootstrap;

/**
 * The static entry points of the {@code HttpURLConnection} advice (see {@link
 * UrlConnectionHooks}). Never throw; no-ops until the hooks are installed.
 */
public final class UrlConnectionBridge {

  private static volatile UrlConnectionHooks hooks;

  private UrlConnectionBridge() {}

  /** Called once by the HttpURLConnection instrumentation when it is installed. */
  public static void install(UrlConnectionHooks urlConnectionHooks) {
    hooks = urlConnectionHooks;
  }

  /** HttpURLConnection: {@code getOutputStream()} returned {@code out}. */
  public static java.io.OutputStream requestStream(
      Object connection, java.io.OutputStream out) {
    UrlConnectionHooks h = hooks;
    if (h == null || out == null) {
      return out;
    }
    try {
      java.io.OutputStream tapped = h.requestStream(connection, out);
      return tapped == null ? out : tapped;
    } catch (Throwable t) {
      return out;
    }
  }

  /** HttpURLConnection: {@code connect()}, {@code getOutputStream()} or {@code getInputStream()} was entered. */
  public static void starting(Object connection) {
    UrlConnectionHooks h = hooks;
    if (h != null) {
      try {
        h.starting(connection);
      } catch (Throwable ignored) {
        // never reaches the application
      }
    }
  }

  /**
   * HttpURLConnection: {@code connect()}, {@code getOutputStream()} or {@code getInputStream()}
   * was entered on a connection that is not connected yet: adds the propagation headers.
   */
  public static void propagate(Object connection) {
    UrlConnectionHooks h = hooks;
    if (h != null && ParleyBridge.propagationInstalled()) {
      try {
        h.propagate(connection);
      } catch (Throwable ignored) {
        // never reaches the application
      }
    }
  }

  /** HttpURLConnection: {@code getInputStream()} returned {@code in} or threw {@code thrown}. */
  public static java.io.InputStream responseStream(
      Object connection, java.io.InputStream in, Throwable thrown) {
    UrlConnectionHooks h = hooks;
    if (h == null) {
      return in;
    }
    try {
      java.io.InputStream tapped = h.responseStream(connection, in, thrown);
      return tapped == null ? in : tapped;
    } catch (Throwable t) {
      return in;
    }
  }

  /** HttpURLConnection: {@code getErrorStream()} returned {@code in}. */
  public static java.io.InputStream errorStream(
      Object connection, java.io.InputStream in) {
    UrlConnectionHooks h = hooks;
    if (h == null || in == null) {
      return in;
    }
    try {
      java.io.InputStream tapped = h.errorStream(connection, in);
      return tapped == null ? in : tapped;
    } catch (Throwable t) {
      return in;
    }
  }

  /** HttpURLConnection: {@code disconnect()} was called. */
  public static void disconnected(Object connection) {
    UrlConnectionHooks h = hooks;
    if (h != null) {
      try {
        h.disconnected(connection);
      } catch (Throwable ignored) {
        // never reaches the application
      }
    }
  }
}
