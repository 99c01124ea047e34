package io.parley.instrumentation.llmsdkasync;

import io.parley.bootstrap.AsyncContextBridge;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of an SDK method that returns a {@code CompletableFuture} the SDK goes on
 * from: {@code PrepareRequest.prepareAsync} (continued with {@code thenComposeAsync} on another
 * thread) and {@code DefaultSleeper.sleepAsync} (completed by a timer thread before a retry).
 * Returning a future that carries the current context makes what follows run in it.
 */
public final class InCallersContextAdvice {

  private InCallersContextAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Return(readOnly = false) CompletableFuture<?> prepared) {
    prepared = AsyncContextBridge.inCallersContext(prepared);
  }
}
