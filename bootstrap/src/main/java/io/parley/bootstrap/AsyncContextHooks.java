package io.parley.bootstrap;

import java.util.concurrent.CompletableFuture;

/** Agent-side code that carries the caller's context into a future's asynchronous continuations. */
public interface AsyncContextHooks {

  /**
   * A future completed as {@code future} is, whose {@code *Async} continuations without an
   * executor of their own run in the current context; {@code future} itself when there is no
   * context to carry.
   */
  <T> CompletableFuture<T> inCurrentContext(CompletableFuture<T> future);
}
