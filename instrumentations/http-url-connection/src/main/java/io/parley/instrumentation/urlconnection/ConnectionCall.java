package io.parley.instrumentation.urlconnection;

import io.parley.bootstrap.ParleyBridge;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;

/**
 * The state of one LLM call made through one connection. Holds nothing that leads back to the
 * connection (the JDK's streams are inner objects of it), so the connection can be collected
 * while its call is remembered: the streams handed out are remembered weakly, and handed out
 * again as long as the application keeps them.
 */
final class ConnectionCall {

  final Object call;
  private boolean headReported;
  private boolean ended;
  /** An error-status exception the application may answer by reading the error stream. */
  private Throwable pendingError;

  private final TappedStream<OutputStream> request = new TappedStream<>();
  private final TappedStream<InputStream> response = new TappedStream<>();
  private final TappedStream<InputStream> error = new TappedStream<>();

  ConnectionCall(Object call) {
    this.call = call;
  }

  synchronized OutputStream requestStream(OutputStream out) {
    OutputStream tapped = request.find(out);
    if (tapped == null) {
      tapped = request.remember(out, ParleyBridge.llmTapRequest(call, out));
    }
    return tapped;
  }

  synchronized InputStream responseStream(InputStream in) {
    InputStream tapped = response.find(in);
    if (tapped == null) {
      tapped = response.remember(in, ParleyBridge.llmTapResponse(call, in));
    }
    return tapped;
  }

  /** The application reads the error body: the tap ends the call when it is read or closed. */
  synchronized InputStream errorStream(InputStream in) {
    pendingError = null;
    InputStream tapped = error.find(in);
    if (tapped == null) {
      tapped = error.remember(in, ParleyBridge.llmTapResponse(call, in));
    }
    return tapped;
  }

  /** True the first time only: the head is reported once per call. */
  synchronized boolean claimHead() {
    if (headReported) {
      return false;
    }
    headReported = true;
    return true;
  }

  /** Waits for the application to read the error body (or to disconnect) before ending. */
  synchronized boolean awaitErrorBody(Throwable thrown) {
    if (ended || pendingError != null) {
      return false;
    }
    pendingError = thrown;
    return true;
  }

  synchronized boolean isOpen() {
    return !ended && pendingError == null;
  }

  /** Ends the call once, with the pending error when there is one and no other is given. */
  void end(Throwable thrown) {
    Throwable error;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      error = thrown != null ? thrown : pendingError;
      pendingError = null;
    }
    ParleyBridge.llmEnd(call, error);
  }

  /** A stream handed out, weakly remembered together with the JDK stream it wraps. */
  private static final class TappedStream<S> {

    private WeakReference<S> original;
    private WeakReference<S> tapped;

    S find(S stream) {
      S known = tapped == null ? null : tapped.get();
      return known != null && original.get() == stream ? known : null;
    }

    S remember(S stream, S tap) {
      original = new WeakReference<>(stream);
      tapped = new WeakReference<>(tap);
      return tap;
    }
  }
}
