package io.parley.bootstrap;

/**
 * What the agent does when inlined advice reports an event; implemented by the agent, called
 * only through {@link ParleyBridge}. Every argument is a plain Java value.
 */
public interface ParleyHooks {

  /** Names of the request headers the server advice must read, in a fixed order. */
  String[] serverHeaderNames();

  /**
   * An inbound request entered its outermost filter or servlet.
   *
   * @param headerValues values of {@link #serverHeaderNames()}, same order, null when absent
   * @return a handle for the request, or null when the agent does not track it
   */
  Object serverStart(String method, String path, String[] headerValues, String principal);

  /**
   * The outermost filter or servlet returned while the request continues asynchronously; the
   * span stays open and the caller's thread is released from it.
   */
  void serverDetach(Object handle, String route, String principal);

  /**
   * Builds a listener of the container's {@code AsyncListener} type that ends the request's
   * span when the asynchronous work completes.
   */
  Object serverAsyncListener(Class<?> listenerType, Object handle, Object response);

  /** The request is finished: ends its span. */
  void serverEnd(Object handle, int status, Throwable error, String route, String principal);
}
