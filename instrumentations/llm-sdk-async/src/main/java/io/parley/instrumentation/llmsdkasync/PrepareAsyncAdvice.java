package io.parley.instrumentation.llmsdkasync;

import io.parley.bootstrap.AsyncContextBridge;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of the SDK's {@code PrepareRequest.prepareAsync}, on the caller's thread:
 * the SDK continues from the returned future with {@code thenComposeAsync}, so returning one that
 * carries the caller's context makes the HTTP call start in it.
 */
public final class PrepareAsyncAdvice {

  private PrepareAsyncAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Return(readOnly = false) CompletableFuture<?> prepared) {
    prepared = AsyncContextBridge.inCallersContext(prepared);
  }
}
