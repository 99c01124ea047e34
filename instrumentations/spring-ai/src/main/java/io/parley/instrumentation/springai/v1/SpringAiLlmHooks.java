package io.parley.instrumentation.springai.v1;

import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.SpringAiHooks;

/**
 * The agent side of the Spring AI advice: reads the chat model, prompt and responses by
 * reflection and reports plain values as one SDK-level LLM call. Never throws.
 */
final class SpringAiLlmHooks implements SpringAiHooks {

  static final String OPERATION = "chat";

  @Override
  public Object chatCallStart(Object chatModel, Object prompt) {
    try {
      return ParleyBridge.llmSdkStart(
          provider(chatModel), OPERATION, requestModel(chatModel, prompt), false);
    } catch (Throwable t) {
      return null;
    }
  }

  @Override
  public void chatCallEnd(Object call, Object chatResponse, Throwable error) {
    try {
      ChatResponseFacts facts = new ChatResponseFacts();
      facts.read(chatResponse);
      end(call, facts, error);
    } catch (Throwable t) {
      // the agent's failure is never the application's
    }
  }

  @Override
  public Object chatStream(
      Class<?> publisherType,
      Class<?> coreSubscriberType,
      Object chatModel,
      Object prompt,
      Object flux) {
    try {
      return ChatStreamPublisher.wrap(
          publisherType,
          coreSubscriberType,
          flux,
          provider(chatModel),
          requestModel(chatModel, prompt));
    } catch (Throwable t) {
      return null;
    }
  }

  static void end(Object call, ChatResponseFacts facts, Throwable error) {
    ParleyBridge.llmSdkEnd(
        call,
        facts.model(),
        facts.id(),
        facts.inputTokens(),
        facts.outputTokens(),
        facts.finishReasons(),
        error);
  }

  private static String provider(Object chatModel) {
    return chatModel == null ? null : SpringAiProviders.of(chatModel.getClass());
  }

  /** The prompt's model option, else the chat model's default one. */
  static String requestModel(Object chatModel, Object prompt) {
    String model = PublicMethods.string(PublicMethods.get(prompt, "getOptions"), "getModel");
    if (model == null) {
      model = PublicMethods.string(PublicMethods.get(chatModel, "getDefaultOptions"), "getModel");
    }
    return model;
  }
}
