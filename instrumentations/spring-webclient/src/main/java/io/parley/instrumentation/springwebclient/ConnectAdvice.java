package io.parley.instrumentation.springwebclient;

import io.parley.bootstrap.SpringWebClientBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into a WebClient connector's {@code connect(HttpMethod, URI, Function)}: an LLM call
 * starts there (WebClient connects when its response is subscribed to), its request callback is
 * watched for the request, and the returned {@code Mono} for the response.
 */
public final class ConnectAdvice {

  private ConnectAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.Argument(0) Object method,
      @Advice.Argument(1) Object uri,
      @Advice.Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC)
          Object callback) {
    Object exchange = SpringWebClientBridge.llmConnect(method, uri);
    if (exchange != null) {
      callback = SpringWebClientBridge.llmRequestCallback(exchange, callback);
    }
    return exchange;
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  public static void exit(
      @Advice.Enter Object exchange,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
      @Advice.Thrown Throwable thrown) {
    if (exchange != null) {
      response = SpringWebClientBridge.llmResponse(exchange, response, thrown);
    }
  }
}
