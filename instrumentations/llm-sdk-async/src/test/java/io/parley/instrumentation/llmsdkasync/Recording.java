package io.parley.instrumentation.llmsdkasync;

import io.opentelemetry.context.Context;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What an SDK's HTTP client saw when the SDK handed it the request; it then fails the call. */
final class Recording {

  static final String FAILURE = "recorded, not sent";

  private final CountDownLatch called = new CountDownLatch(1);
  volatile Context context;
  volatile Thread thread;

  <T> CompletableFuture<T> record() {
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
