package io.parley.instrumentation.llmsdkasync;

import io.opentelemetry.context.Context;
import io.parley.bootstrap.AsyncContextHooks;
import java.util.concurrent.CompletableFuture;

/** Hands the SDK a future that carries the caller's context, when the caller has one. */
final class SdkAsyncContextHooks implements AsyncContextHooks {

  @Override
  public <T> CompletableFuture<T> inCurrentContext(CompletableFuture<T> future) {
    Context current = Context.current();
    if (current == Context.root() || future instanceof ContextCarryingFuture) {
      return future;
    }
    return ContextCarryingFuture.following(future, current);
  }
}
