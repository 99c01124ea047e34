package io.parley.instrumentation.springwebclient;

import io.parley.bootstrap.SpringWebClientBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into a connector request's {@code writeWith(Publisher)}: the body of an LLM request is
 * read as the connector writes it.
 */
public final class WriteWithAdvice {

  private WriteWithAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This Object request,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
          Object body) {
    body = SpringWebClientBridge.llmRequestBody(request, body);
  }
}
