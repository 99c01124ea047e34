package io.parley.instrumentation.jdkhttp;

import io.parley.bootstrap.ParleyBridge;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * Shows the agent the body of a request whose publisher can be read twice without the
 * application noticing: the JDK's byte-array and string publishers, which copy their array on
 * every subscription and deliver synchronously. One-shot publishers (input streams, files,
 * iterables, custom publishers) are never touched; their spans have no request details.
 */
final class ReplayableRequestBody {

  /** Bodies above this are not read (an LLM request this large is rare; memory stays bounded). */
  static final long LIMIT = 2 * 1024 * 1024;

  private static final String BYTE_ARRAY_PUBLISHER =
      "jdk.internal.net.http.RequestPublishers$ByteArrayPublisher";
  private static final String STRING_PUBLISHER =
      "jdk.internal.net.http.RequestPublishers$StringPublisher";

  private ReplayableRequestBody() {}

  static void record(Object call, HttpRequest request) {
    Optional<HttpRequest.BodyPublisher> body = request.bodyPublisher();
    if (!body.isPresent() || !isReplayable(body.get())) {
      return;
    }
    HttpRequest.BodyPublisher publisher = body.get();
    long length = publisher.contentLength();
    if (length <= 0 || length > LIMIT) {
      return;
    }
    Reader reader = new Reader(call, length);
    publisher.subscribe(reader);
    reader.close();
  }

  static boolean isReplayable(HttpRequest.BodyPublisher publisher) {
    String type = publisher.getClass().getName();
    return type.equals(BYTE_ARRAY_PUBLISHER) || type.equals(STRING_PUBLISHER);
  }

  /** Takes what the publisher delivers during {@code subscribe}, up to the announced length. */
  private static final class Reader implements Flow.Subscriber<ByteBuffer> {

    private final Object call;
    private long remaining;
    private Flow.Subscription subscription;
    private boolean closed;

    Reader(Object call, long length) {
      this.call = call;
      this.remaining = length;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (closed) {
        subscription.cancel();
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public synchronized void onNext(ByteBuffer item) {
      if (closed) {
        return;
      }
      int length = (int) Math.min(item.remaining(), remaining);
      byte[] bytes = new byte[length];
      item.duplicate().get(bytes);
      remaining -= length;
      ParleyBridge.llmRequestBody(call, bytes, 0, length);
      if (remaining <= 0) {
        close();
      }
    }

    @Override
    public synchronized void onError(Throwable throwable) {
      closed = true;
    }

    @Override
    public synchronized void onComplete() {
      closed = true;
    }

    /** Anything the publisher would deliver later, on another thread, is not wanted. */
    synchronized void close() {
      if (!closed) {
        closed = true;
        if (subscription != null) {
          subscription.cancel();
        }
      }
    }
  }
}
