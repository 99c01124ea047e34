package io.parley.instrumentation.springwebclient;

import io.parley.bootstrap.SpringWebClientBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the start of WebClient's {@code ExchangeFunctions.DefaultExchangeFunction.exchange}:
 * the request goes on with the propagation headers. WebClient calls it when the response is
 * subscribed to, which for {@code block()} or a Spring MVC handler returning a {@code Mono} is on
 * the thread serving the inbound request.
 */
public final class ExchangeAdvice {

  private ExchangeAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
          Object request) {
    Object propagated = SpringWebClientBridge.propagate(request);
    if (propagated != null) {
      request = propagated;
    }
  }
}
