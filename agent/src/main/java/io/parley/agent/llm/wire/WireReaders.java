package io.parley.agent.llm.wire;

import io.parley.agent.llm.LlmApi;
import io.parley.agent.log.ParleyLog;

/** Creates the {@link WireReader} that understands one {@link LlmApi}'s bodies. */
public final class WireReaders {

  private WireReaders() {}

  /**
   * A fresh reader for one exchange; never null (an unknown API gets a {@link NoUsageReader}).
   *
   * @param urlPath the request path, which names the model for Gemini and Bedrock
   */
  public static WireReader create(LlmApi api, String urlPath, ParleyLog log) {
    return create(api, urlPath, log, false);
  }

  /**
   * As {@link #create(LlmApi, String, ParleyLog)}; with {@code captureContent} (the
   * {@code parley.capture.content} key) the reader also collects prompt and completion text.
   */
  public static WireReader create(
      LlmApi api, String urlPath, ParleyLog log, boolean captureContent) {
    if (api == null) {
      return new NoUsageReader();
    }
    switch (api) {
      case OPENAI_CHAT_COMPLETIONS:
        return new OpenAiChatReader(log, captureContent);
      case OPENAI_RESPONSES:
        return new OpenAiResponsesReader(log, captureContent);
      case OPENAI_EMBEDDINGS:
        return new OpenAiEmbeddingsReader(log);
      case ANTHROPIC_MESSAGES:
        return new AnthropicMessagesReader(log, captureContent);
      case GEMINI_GENERATE_CONTENT:
      case GEMINI_STREAM_GENERATE_CONTENT:
        return new GeminiReader(urlPath, log, captureContent);
      case OLLAMA_CHAT:
      case OLLAMA_GENERATE:
        return new OllamaReader(log, captureContent);
      case BEDROCK_CONVERSE:
        return new BedrockConverseReader(urlPath, log, captureContent);
      default:
        return new NoUsageReader();
    }
  }

  /** {@link #create(LlmApi, String, ParleyLog)} with the process-wide logger. */
  public static WireReader create(LlmApi api, String urlPath) {
    return create(api, urlPath, ParleyLog.get());
  }
}
