package io.parley.instrumentation.springwebflux;

import io.parley.bootstrap.WebFluxServerBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code HttpWebHandlerAdapter.handle(ServerHttpRequest, ServerHttpResponse)}: the
 * server span starts at entry; at exit the returned {@code Mono} is replaced by one subscribed in
 * the request's context that ends the span when it terminates.
 */
public final class HandleAdvice {

  private HandleAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(0) Object request) {
    return WebFluxServerBridge.start(request);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  public static void exit(
      @Advice.Enter Object handle,
      @Advice.Argument(1) Object response,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object completion,
      @Advice.Thrown Throwable thrown) {
    if (handle != null) {
      completion = WebFluxServerBridge.handled(handle, response, completion, thrown);
    }
  }
}
