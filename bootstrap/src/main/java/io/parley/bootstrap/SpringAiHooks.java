package io.parley.bootstrap;

/**
 * What the agent does around Spring AI chat model calls; implemented by the spring-ai
 * instrumentation module, called only through {@link ParleyBridge}. Spring AI and Reactor types
 * travel as {@code Object} (with the application's interface types where a wrapper must implement
 * them); the module reads them and reports plain values through {@link LlmSdkHooks}. Every method
 * is safe to call and never throws.
 */
public interface SpringAiHooks {

  /**
   * {@code ChatModel.call(Prompt)} was entered.
   *
   * @return the SDK call handle (not yet attached to the thread), or null
   */
  Object chatCallStart(Object chatModel, Object prompt);

  /** {@code ChatModel.call(Prompt)} returned {@code chatResponse} or threw {@code error}. */
  void chatCallEnd(Object call, Object chatResponse, Throwable error);

  /**
   * {@code ChatModel.stream(Prompt)} returned {@code flux}.
   *
   * @param publisherType the application's {@code org.reactivestreams.Publisher}
   * @param coreSubscriberType the application's {@code reactor.core.CoreSubscriber}
   * @return a {@code publisherType} for which every subscription to {@code flux} is one recorded
   *     call, or null to leave {@code flux} as it is
   */
  Object chatStream(
      Class<?> publisherType, Class<?> coreSubscriberType, Object chatModel, Object prompt, Object flux);
}
