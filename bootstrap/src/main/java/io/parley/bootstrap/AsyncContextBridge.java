package io.parley.bootstrap;

import java.util.concurrent.CompletableFuture;

/**
 * The static entry points of the advice that carries the caller's context across an SDK's own
 * thread hop (see {@link AsyncContextHooks}). Never throws; a no-op until the hooks are installed.
 */
public final class AsyncContextBridge {

  private static volatile AsyncContextHooks hooks;

  private AsyncContextBridge() {}

  /** Called by the instrumentation module when the agent installs it. */
  public static void install(AsyncContextHooks asyncContextHooks) {
    hooks = asyncContextHooks;
  }

  /** Inlined at the exit of the SDK method that returns the future; returns what to return. */
  public static <T> CompletableFuture<T> inCallersContext(CompletableFuture<T> future) {
    AsyncContextHooks h = hooks;
    if (h == null || future == null) {
      return future;
    }
    try {
      CompletableFuture<T> carried = h.inCurrentContext(future);
      return carried != null ? carried : future;
    } catch (Throwable t) {
      return future;
    }
  }
}
