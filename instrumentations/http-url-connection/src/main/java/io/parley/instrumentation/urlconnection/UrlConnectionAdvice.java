package io.parley.instrumentation.urlconnection;

import io.parley.bootstrap.CallDepth;
import io.parley.bootstrap.UrlConnectionBridge;
import java.io.InputStream;
import java.io.OutputStream;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the JDK's {@code HttpURLConnection}. The first of {@code connect},
 * {@code getOutputStream} and {@code getInputStream} on a connection that is not connected yet
 * (its inherited {@code connected} field) adds the propagation headers, while request properties
 * can still be set. Only the outermost stream method of a thread acts: {@code getInputStream} calls {@code getOutputStream} inside (streaming mode), header
 * getters call {@code getInputStream}, and so does the agent when it reads the response status;
 * the agent's work runs before the depth is released so that its own calls stay nested. References
 * only JDK types and the bootstrap bridge.
 */
public final class UrlConnectionAdvice {

  private UrlConnectionAdvice() {}

  /** {@code connect()}: start the call before connecting (and the TLS handshake). */
  public static final class Connect {

    private Connect() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(
        @Advice.This Object connection, @Advice.FieldValue("connected") boolean connected) {
      int depth = CallDepth.enter(CallDepth.URL_CONNECTION);
      if (depth == 0) {
        if (!connected) {
          UrlConnectionBridge.propagate(connection);
        }
        UrlConnectionBridge.starting(connection);
      }
      return depth;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit() {
      CallDepth.exit(CallDepth.URL_CONNECTION);
    }
  }

  /** {@code getOutputStream()}: start the call and tap the request body. */
  public static final class RequestStream {

    private RequestStream() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(
        @Advice.This Object connection, @Advice.FieldValue("connected") boolean connected) {
      int depth = CallDepth.enter(CallDepth.URL_CONNECTION);
      if (depth == 0) {
        if (!connected) {
          UrlConnectionBridge.propagate(connection);
        }
        UrlConnectionBridge.starting(connection);
      }
      return depth;
    }

    @SuppressWarnings("UnusedAssignment")
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter int depth,
        @Advice.This Object connection,
        @Advice.Return(readOnly = false) OutputStream out,
        @Advice.Thrown Throwable thrown) {
      try {
        if (depth == 0 && thrown == null) {
          out = UrlConnectionBridge.requestStream(connection, out);
        }
      } finally {
        CallDepth.exit(CallDepth.URL_CONNECTION);
      }
    }
  }

  /** {@code getInputStream()}: start the call if nothing was written, report the head, tap the body. */
  public static final class ResponseStream {

    private ResponseStream() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(
        @Advice.This Object connection, @Advice.FieldValue("connected") boolean connected) {
      int depth = CallDepth.enter(CallDepth.URL_CONNECTION);
      if (depth == 0) {
        if (!connected) {
          UrlConnectionBridge.propagate(connection);
        }
        UrlConnectionBridge.starting(connection);
      }
      return depth;
    }

    @SuppressWarnings("UnusedAssignment")
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter int depth,
        @Advice.This Object connection,
        @Advice.Return(readOnly = false) InputStream in,
        @Advice.Thrown Throwable thrown) {
      try {
        if (depth == 0) {
          InputStream tapped = UrlConnectionBridge.responseStream(connection, in, thrown);
          if (thrown == null) {
            in = tapped;
          }
        }
      } finally {
        CallDepth.exit(CallDepth.URL_CONNECTION);
      }
    }
  }

  /** {@code getErrorStream()}: tap the error body of a 4xx/5xx response. */
  public static final class ErrorStream {

    private ErrorStream() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter() {
      return CallDepth.enter(CallDepth.URL_CONNECTION);
    }

    @SuppressWarnings("UnusedAssignment")
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter int depth,
        @Advice.This Object connection,
        @Advice.Return(readOnly = false) InputStream in,
        @Advice.Thrown Throwable thrown) {
      try {
        if (depth == 0 && thrown == null && in != null) {
          in = UrlConnectionBridge.errorStream(connection, in);
        }
      } finally {
        CallDepth.exit(CallDepth.URL_CONNECTION);
      }
    }
  }

  /** {@code disconnect()}: end a call that is still open. */
  public static final class Disconnect {

    private Disconnect() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object connection) {
      if (CallDepth.enter(CallDepth.URL_CONNECTION) == 0) {
        UrlConnectionBridge.disconnected(connection);
      }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit() {
      CallDepth.exit(CallDepth.URL_CONNECTION);
    }
  }
}
