package io.parley.instrumentation.okhttp.v3_0;

import io.parley.bootstrap.ParleyBridge;
import net.bytebuddy.asm.Advice;

/**
 * Carries the caller's context across {@code Call.enqueue}: OkHttp runs an asynchronous call's
 * interceptors on its dispatcher threads, where the LLM span would otherwise lose its parent and
 * the request's session and turn.
 */
public final class AsyncCallAdvice {

  private AsyncCallAdvice() {}

  /** Inlined at the end of the asynchronous call's constructors, on the caller's thread. */
  public static final class Created {
    private Created() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object asyncCall) {
      ParleyBridge.okHttpAsyncCallCreated(asyncCall);
    }
  }

  /** Inlined into the asynchronous call's run ({@code execute} in 3.x), on a dispatcher thread. */
  public static final class Run {
    private Run() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object asyncCall) {
      return ParleyBridge.okHttpAsyncCallStarting(asyncCall);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope) {
      ParleyBridge.okHttpAsyncCallFinished(scope);
    }
  }
}
