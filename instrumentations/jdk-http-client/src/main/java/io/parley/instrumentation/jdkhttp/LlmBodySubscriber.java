package io.parley.instrumentation.jdkhttp;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Passes every signal to the application's body subscriber unchanged (the same buffer lists, in
 * the same calls), showing the bytes to the agent first. The call ends before the application is
 * told the body is complete or failed, so the span is finished by the time the application's
 * code that waits for the body runs on; cancelling the subscription ends it too.
 */
final class LlmBodySubscriber<T> implements HttpResponse.BodySubscriber<T> {

  private final LlmBodyHandler<T> exchange;
  private final HttpResponse.BodySubscriber<T> application;

  LlmBodySubscriber(LlmBodyHandler<T> exchange, HttpResponse.BodySubscriber<T> application) {
    this.exchange = exchange;
    this.application = application;
  }

  @Override
  public CompletionStage<T> getBody() {
    return application.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    application.onSubscribe(new Cancellable(subscription));
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    exchange.body(item);
    application.onNext(item);
  }

  @Override
  public void onError(Throwable throwable) {
    exchange.end(throwable);
    application.onError(throwable);
  }

  @Override
  public void onComplete() {
    exchange.end(null);
    application.onComplete();
  }

  /** The subscription handed to the application: a cancel (stream closed early) ends the call. */
  private final class Cancellable implements Flow.Subscription {

    private final Flow.Subscription subscription;

    Cancellable(Flow.Subscription subscription) {
      this.subscription = subscription;
    }

    @Override
    public void request(long n) {
      subscription.request(n);
    }

    @Override
    public void cancel() {
      exchange.end(null);
      subscription.cancel();
    }
  }
}
