package io.parley.bootstrap;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * What the agent does around {@code java.net.HttpURLConnection} exchanges: adds the propagation
 * headers to every connection before it connects, and records the exchanges that are LLM calls.
 * Connections are passed as {@code Object} (the JDK's {@code sun.net.www.protocol.http}
 * implementation); the agent keeps per-connection state itself, weakly, since no field may be
 * added to a JDK class.
 */
public interface UrlConnectionHooks {

  /**
   * {@code connect()}, {@code getOutputStream()} or {@code getInputStream()} was entered by the
   * application: starts the call, once per connection, if it is an LLM call.
   */
  void starting(Object connection);

  /**
   * The application is about to connect a connection that is not connected yet: sets the
   * propagation headers ({@link ParleyBridge#outboundHeaders}) it does not have yet.
   */
  void propagate(Object connection);

  /** {@code getOutputStream()} returned {@code out}: returns the stream to hand out. */
  OutputStream requestStream(Object connection, OutputStream out);

  /**
   * {@code getInputStream()} returned {@code in} or threw {@code thrown}; returns the stream to
   * hand out (the same wrapper on every call for the same stream).
   */
  InputStream responseStream(Object connection, InputStream in, Throwable thrown);

  /** {@code getErrorStream()} returned {@code in}; returns the stream to hand out. */
  InputStream errorStream(Object connection, InputStream in);

  /** {@code disconnect()} was called: ends the call if it is still open. */
  void disconnected(Object connection);
}
