package io.parley.instrumentation.jdkhttp;

import io.parley.bootstrap.ParleyBridge;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands in for the application's body handler of one LLM exchange: reports the response head,
 * hands the application's subscriber to an {@link LlmBodySubscriber}, and ends the call exactly
 * once, whichever of body, failure or cancellation comes first.
 */
final class LlmBodyHandler<T> implements HttpResponse.BodyHandler<T> {

  private final Object call;
  private final HttpResponse.BodyHandler<T> application;
  private final AtomicBoolean ended = new AtomicBoolean();

  LlmBodyHandler(Object call, HttpResponse.BodyHandler<T> application) {
    this.call = call;
    this.application = application;
  }

  @Override
  public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
    try {
      ParleyBridge.llmResponseHead(
          call,
          info.statusCode(),
          info.headers().firstValue("content-type").orElse(null),
          info.headers().firstValue("content-encoding").orElse(null));
    } catch (Throwable ignored) {
      // the head is only for the span
    }
    HttpResponse.BodySubscriber<T> subscriber;
    try {
      subscriber = application.apply(info);
    } catch (RuntimeException | Error e) {
      end(e);
      throw e;
    }
    return subscriber == null ? null : new LlmBodySubscriber<>(this, subscriber);
  }

  /** Shows a chunk of the response body to the agent; the buffers' positions do not move. */
  void body(List<ByteBuffer> buffers) {
    try {
      for (ByteBuffer buffer : buffers) {
        int length = buffer.remaining();
        if (length == 0) {
          continue;
        }
        if (buffer.hasArray()) {
          ParleyBridge.llmResponseBody(
              call, buffer.array(), buffer.arrayOffset() + buffer.position(), length);
        } else {
          byte[] copy = new byte[length];
          buffer.duplicate().get(copy);
          ParleyBridge.llmResponseBody(call, copy, 0, length);
        }
      }
    } catch (Throwable ignored) {
      // the application's data goes on regardless
    }
  }

  /** Ends the call once; later ends (a failed future after a failed body) are ignored. */
  void end(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      try {
        ParleyBridge.llmEnd(call, error);
      } catch (Throwable ignored) {
        // never reaches the application
      }
    }
  }
}
