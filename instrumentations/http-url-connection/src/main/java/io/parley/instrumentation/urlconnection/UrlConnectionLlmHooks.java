package io.parley.instrumentation.urlconnection;

import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.UrlConnectionHooks;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;

/**
 * The agent side of the HttpURLConnection advice: one call per connection, started when the
 * application connects, asks for the request body stream or for the response, whichever comes
 * first, so the span covers connecting and the TLS handshake; the response head is read
 * from the connection's own getters once the response has arrived, when they only return what the
 * connection already holds.
 *
 * <p>An error status makes {@code getInputStream} throw. The call then stays open for the error
 * body if there is one, since applications commonly read it next (and {@code getResponseCode}
 * goes through the same throw without the application ever seeing it); it ends when that body is
 * read or closed, on {@code disconnect()}, or when the connection is collected. Without an error
 * body, or on a transport failure, it ends at once with the exception.
 */
final class UrlConnectionLlmHooks implements UrlConnectionHooks {

  private final ConnectionCalls calls;

  UrlConnectionLlmHooks(ConnectionCalls calls) {
    this.calls = calls;
  }

  @Override
  public void starting(Object connection) {
    ConnectionCall known = calls.get(connection);
    if (known != null || !(connection instanceof HttpURLConnection)) {
      return;
    }
    HttpURLConnection http = (HttpURLConnection) connection;
    Object handle = ParleyBridge.llmStart(requestMethod(http), http.getURL().toString());
    if (handle != null) {
      calls.put(connection, new ConnectionCall(handle));
    }
  }

  @Override
  public OutputStream requestStream(Object connection, OutputStream out) {
    ConnectionCall call = calls.get(connection);
    return call == null ? out : call.requestStream(out);
  }

  @Override
  public InputStream responseStream(Object connection, InputStream in, Throwable thrown) {
    ConnectionCall call = calls.get(connection);
    if (call == null) {
      return in;
    }
    HttpURLConnection http = (HttpURLConnection) connection;
    if (thrown == null) {
      reportHead(call, http);
      return in == null ? null : call.responseStream(in);
    }
    if (!call.isOpen()) {
      return in;
    }
    int status = status(http);
    if (status > 0) {
      reportHead(call, http);
    }
    if (status >= 400 && http.getErrorStream() != null && call.awaitErrorBody(thrown)) {
      return in;
    }
    call.end(thrown);
    return in;
  }

  @Override
  public InputStream errorStream(Object connection, InputStream in) {
    ConnectionCall call = calls.get(connection);
    if (call == null) {
      return in;
    }
    reportHead(call, (HttpURLConnection) connection);
    return call.errorStream(in);
  }

  @Override
  public void disconnected(Object connection) {
    ConnectionCall call = calls.remove(connection);
    if (call != null) {
      call.end(null);
    }
  }

  /** The method the request goes out with: asking for the body stream turns a GET into a POST. */
  private static String requestMethod(HttpURLConnection http) {
    String method = http.getRequestMethod();
    return "GET".equals(method) && http.getDoOutput() ? "POST" : method;
  }

  private static void reportHead(ConnectionCall call, HttpURLConnection http) {
    if (call.claimHead()) {
      ParleyBridge.llmResponseHead(
          call.call, status(http), http.getContentType(), http.getContentEncoding());
    }
  }

  /** The status of a response that has arrived (the getter re-reads what is cached), else -1. */
  private static int status(HttpURLConnection http) {
    try {
      return http.getResponseCode();
    } catch (Throwable t) {
      return -1;
    }
  }
}
