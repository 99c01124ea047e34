package io.parley.instrumentation.springai.v1;

import io.parley.bootstrap.ParleyBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ChatModel.call(Prompt)}: starts the SDK call and attaches it to the thread
 * while the model runs, so that the HTTP exchanges it makes enrich its span; ends it with the
 * response or the exception. A chat model delegating to another one is still one call.
 */
public final class ChatModelCallAdvice {

  private ChatModelCallAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.This Object chatModel,
      @Advice.Argument(0) Object prompt,
      @Advice.Local("parleySdkToken") Object token) {
    Object call = ParleyBridge.springAiChatCallStart(chatModel, prompt);
    token = ParleyBridge.llmSdkAttach(call);
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object call,
      @Advice.Local("parleySdkToken") Object token,
      @Advice.Return Object response,
      @Advice.Thrown Throwable thrown) {
    ParleyBridge.llmSdkDetach(token);
    ParleyBridge.springAiChatCallEnd(call, response, thrown);
  }
}
