package io.parley.agent.llm.wire;

import io.parley.agent.llm.LlmApi;
import io.parley.agent.log.ParleyLog;

/** Creates the {@link WireReader} that understands one {@link LlmApi}'s bodies. */
public final class WireReaders {

  private WireReaders() {}

  /** A fresh reader for one exchange; never null (an unknown API gets a {@link NoUsageReader}). */
  public static WireReader create(LlmApi api, ParleyLog log) {
    if (api == null) {
      return new NoUsageReader();
    }
    switch (api) {
      case OPENAI_CHAT_COMPLETIONS:
        return new OpenAiChatReader(log);
      case OPENAI_RESPONSES:
        return new OpenAiResponsesReader(log);
      case OPENAI_EMBEDDINGS:
        return new OpenAiEmbeddingsReader(log);
      case ANTHROPIC_MESSAGES:
        return new AnthropicMessagesReader(log);
      case GEMINI_GENERATE_CONTENT:
      case GEMINI_STREAM_GENERATE_CONTENT:
        return new NoUsageReader(); // TODO(wire-others): return new GeminiReader(api, log);
      case OLLAMA_CHAT:
      case OLLAMA_GENERATE:
        return new NoUsageReader(); // TODO(wire-others): return new OllamaReader(api, log);
      case BEDROCK_CONVERSE:
        return new NoUsageReader(); // TODO(wire-others): return new BedrockConverseReader(log);
      default:
        return new NoUsageReader();
    }
  }

  /** {@link #create(LlmApi, ParleyLog)} with the process-wide logger. */
  public static WireReader create(LlmApi api) {
    return create(api, ParleyLog.get());
  }
}
