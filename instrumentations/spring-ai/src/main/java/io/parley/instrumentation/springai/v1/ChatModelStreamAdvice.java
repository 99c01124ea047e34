package io.parley.instrumentation.springai.v1;

import io.parley.bootstrap.ParleyBridge;
import net.bytebuddy.asm.Advice;
import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * Inlined into {@code ChatModel.stream(Prompt)}: returns the model's flux behind a publisher that
 * makes each subscription one recorded call (streams are lazy: nothing is called until then).
 */
public final class ChatModelStreamAdvice {

  private ChatModelStreamAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static void exit(
      @Advice.This Object chatModel,
      @Advice.Argument(0) Object prompt,
      @Advice.Return(readOnly = false) Flux flux) {
    Object recorded =
        ParleyBridge.springAiChatStream(
            Publisher.class, CoreSubscriber.class, chatModel, prompt, flux);
    if (recorded instanceof Publisher) {
      flux = Flux.from((Publisher) recorded);
    }
  }
}
