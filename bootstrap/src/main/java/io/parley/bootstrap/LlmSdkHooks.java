package io.parley.bootstrap;

/**
 * What the agent does when an SDK-level advice (a Spring AI chat model, an LLM client library)
 * sees one logical LLM call; implemented by the agent, called only through {@link ParleyBridge}.
 * Plain values only. While a call is attached to a thread, an LLM exchange a transport advice
 * reports on that thread adds what it read to this call instead of becoming a span of its own, so
 * that one call is one span. Every method is safe with a null handle and never throws.
 */
public interface LlmSdkHooks {

  /**
   * A logical LLM call starts.
   *
   * @param provider {@code gen_ai.provider.name}, e.g. {@code openai}
   * @param operation {@code gen_ai.operation.name}, e.g. {@code chat}
   * @param requestModel the model asked for, null when the SDK does not say
   * @param stream whether the response is streamed
   * @return a handle, or null when the call is not recorded (e.g. it runs inside another SDK call
   *     attached to this thread, as when one chat model delegates to another)
   */
  Object llmSdkStart(String provider, String operation, String requestModel, boolean stream);

  /**
   * Attaches the call to the current thread until {@link #llmSdkDetach}: transport exchanges
   * started meanwhile on this thread enrich it.
   *
   * @return a token for {@link #llmSdkDetach} (restores what was attached before)
   */
  Object llmSdkAttach(Object call);

  void llmSdkDetach(Object token);

  /** A streamed chunk reached the application (the first one times the first chunk). */
  void llmSdkChunk(Object call);

  /**
   * The call is over. Null values are unknown to the SDK; what a transport read fills them in.
   *
   * @param inputTokens input tokens including cached input, null when unknown
   * @param finishReasons as the SDK reports them, null when unknown
   * @param error what the SDK threw or signalled, null on success
   */
  void llmSdkEnd(
      Object call,
      String responseModel,
      String responseId,
      Long inputTokens,
      Long outputTokens,
      String[] finishReasons,
      Throwable error);
}
