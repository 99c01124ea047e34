package io.parley.instrumentation.llmsdkasync;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * A {@link CompletableFuture} whose asynchronous continuations that name no executor run in the
 * context it was made in, and whose dependent futures do the same. Relies on the two methods Java
 * 9 made for subclasses, {@code defaultExecutor()} and {@code newIncompleteFuture()}, declared
 * here without {@code @Override} because this class is compiled for Java 8: there they are plain
 * methods nobody calls, and the continuations simply run without the context, as before.
 */
final class ContextCarryingFuture<T> extends CompletableFuture<T> {

  /** The executor an ordinary future runs its {@code *Async} continuations on. */
  private static final Executor DEFAULT_ASYNC = defaultAsyncExecutor();

  private final Context context;

  ContextCarryingFuture(Context context) {
    this.context = context;
  }

  /**
   * A future that completes as {@code source} does and carries {@code context}. It is completed
   * with {@code context} current, so that the dependents that run on the completing thread (a
   * timer's, for a future completed later) run in it too.
   */
  static <T> ContextCarryingFuture<T> following(CompletableFuture<T> source, final Context context) {
    final ContextCarryingFuture<T> carried = new ContextCarryingFuture<T>(context);
    source.whenComplete(
        (value, error) -> {
          try (Scope ignored = context.makeCurrent()) {
            if (error == null) {
              carried.complete(value);
            } else {
              carried.completeExceptionally(error);
            }
          }
        });
    return carried;
  }

  Context context() {
    return context;
  }

  /** Overrides CompletableFuture.defaultExecutor() (Java 9+). */
  public Executor defaultExecutor() {
    return new ContextExecutor(DEFAULT_ASYNC, context);
  }

  /** Overrides CompletableFuture.newIncompleteFuture() (Java 9+): dependents carry it too. */
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new ContextCarryingFuture<U>(context);
  }

  private static Executor defaultAsyncExecutor() {
    try {
      return (Executor) CompletableFuture.class.getMethod("defaultExecutor").invoke(new CompletableFuture<Object>());
    } catch (Throwable javaEight) {
      return ForkJoinPool.commonPool();
    }
  }

  /** Runs each task on {@code delegate} with {@code context} current. */
  private static final class ContextExecutor implements Executor {
    private final Executor delegate;
    private final Context context;

    ContextExecutor(Executor delegate, Context context) {
      this.delegate = delegate;
      this.context = context;
    }

    @Override
    public void execute(Runnable task) {
      delegate.execute(context.wrap(task));
    }
  }
}
