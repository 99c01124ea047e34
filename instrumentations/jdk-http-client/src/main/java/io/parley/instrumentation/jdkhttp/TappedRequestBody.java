package io.parley.instrumentation.jdkhttp;

import io.parley.bootstrap.ParleyBridge;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-shot request body (an input stream, a file, a custom publisher such as Spring WebClient's)
 * seen by the agent as the client pulls it: the application's publisher is subscribed exactly as
 * the client asks, each buffer handed on as it came, a copy of its bytes shown to the agent.
 * Only the first subscription is seen (a client resending the body after a redirect sends the same
 * bytes again), and at most {@link ReplayableRequestBody#LIMIT} bytes of it.
 */
final class TappedRequestBody implements HttpRequest.BodyPublisher {

  private final Object call;
  private final HttpRequest.BodyPublisher body;
  private final AtomicBoolean seen = new AtomicBoolean();

  private TappedRequestBody(Object call, HttpRequest.BodyPublisher body) {
    this.call = call;
    this.body = body;
  }

  /**
   * {@code request} with its body tapped for {@code call}; null when it has no body or one the
   * agent reads ahead of the client ({@link ReplayableRequestBody}).
   */
  static HttpRequest of(Object call, HttpRequest request) {
    HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
    if (publisher == null
        || publisher.contentLength() == 0
        || ReplayableRequestBody.isReplayable(publisher)) {
      return null;
    }
    return PropagatedRequest.copy(request, new String[0], new TappedRequestBody(call, publisher));
  }

  @Override
  public long contentLength() {
    return body.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    if (seen.compareAndSet(false, true)) {
      body.subscribe(new Tap(subscriber));
    } else {
      body.subscribe(subscriber);
    }
  }

  /** Hands every signal on unchanged, showing the agent the bytes of each buffer first. */
  private final class Tap implements Flow.Subscriber<ByteBuffer> {

    private final Flow.Subscriber<? super ByteBuffer> downstream;
    private long remaining = ReplayableRequestBody.LIMIT;

    Tap(Flow.Subscriber<? super ByteBuffer> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      downstream.onSubscribe(subscription);
    }

    @Override
    public void onNext(ByteBuffer item) {
      if (remaining > 0 && item != null) {
        try {
          ByteBuffer view = item.duplicate();
          int length = (int) Math.min(view.remaining(), remaining);
          byte[] bytes = new byte[length];
          view.get(bytes);
          remaining -= length;
          ParleyBridge.llmRequestBody(call, bytes, 0, length);
        } catch (RuntimeException e) {
          remaining = 0; // the rest goes unseen; the client gets every buffer regardless
        }
      }
      downstream.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      downstream.onError(throwable);
    }

    @Override
    public void onComplete() {
      downstream.onComplete();
    }
  }
}
