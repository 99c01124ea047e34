package io.parley.instrumentation.springwebflux;

import io.parley.bootstrap.WebFluxServerBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of {@code HttpWebHandlerAdapter.createExchange}: the exchange holds the
 * route (the handler mapping's best matching pattern) once the request was handled.
 */
public final class CreateExchangeAdvice {

  private CreateExchangeAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Return Object exchange) {
    WebFluxServerBridge.exchangeCreated(exchange);
  }
}
