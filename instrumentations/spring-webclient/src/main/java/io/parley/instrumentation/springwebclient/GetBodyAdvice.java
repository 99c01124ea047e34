package io.parley.instrumentation.springwebclient;

import io.parley.bootstrap.SpringWebClientBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the exit of a connector response's {@code getBody()}: the body of an LLM response is
 * read as the application's decoder receives it.
 */
public final class GetBodyAdvice {

  private GetBodyAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(
      @Advice.This Object response,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object body) {
    body = SpringWebClientBridge.llmResponseBody(response, body);
  }
}
