package io.parley.instrumentation.llmsdkasync;

import io.opentelemetry.context.Context;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What an SDK's HTTP client saw when the SDK handed it the request; it then fails the call. */
final class Recording {

  static final String FAILURE = "recorded, not sent";

  static final String FIRST_ATTEMPT = "first attempt fails, to be retried";

  private final CountDownLatch called = new CountDownLatch(1);
  private final int failingAttempts;
  private int attempts;
  volatile Context context;
  volatile Thread thread;

  Recording() {
    this(0);
  }

  /** Fails the first {@code failingAttempts} calls with an I/O error (retried), records the next. */
  Recording(int failingAttempts) {
    this.failingAttempts = failingAttempts;
  }

  <T> CompletableFuture<T> record() {
    synchronized (this) {
      if (attempts++ < failingAttempts) {
        CompletableFuture<T> failed = new CompletableFuture<T>();
        failed.completeExceptionally(new IOException(FIRST_ATTEMPT));
        return failed;
      }
    }
    context = Context.current();
    thread = Thread.currentThread();
    called.countDown();
    CompletableFuture<T> failed = new CompletableFuture<T>();
    failed.completeExceptionally(new IOException(FAILURE));
    return failed;
  }

  Context awaitContext() throws InterruptedException {
    if (!called.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the SDK never called its HTTP client");
    }
    return context;
  }
}
