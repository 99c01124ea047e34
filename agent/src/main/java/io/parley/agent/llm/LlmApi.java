package io.parley.agent.llm;

/**
 * An LLM HTTP API Parley understands: which provider speaks it, which GenAI operation it is, and
 * how its bodies are framed.
 */
public enum LlmApi {
  OPENAI_CHAT_COMPLETIONS("openai", "chat"),
  OPENAI_RESPONSES("openai", "chat"),
  OPENAI_EMBEDDINGS("openai", "embeddings"),
  ANTHROPIC_MESSAGES("anthropic", "chat"),
  GEMINI_GENERATE_CONTENT("gcp.gemini", "generate_content", true),
  GEMINI_STREAM_GENERATE_CONTENT("gcp.gemini", "generate_content", true),
  OLLAMA_CHAT("ollama", "chat"),
  OLLAMA_GENERATE("ollama", "text_completion"),
  BEDROCK_CONVERSE("aws.bedrock", "chat", true);

  private final String defaultProvider;
  private final String operation;
  private final boolean modelInPath;

  LlmApi(String defaultProvider, String operation) {
    this(defaultProvider, operation, false);
  }

  LlmApi(String defaultProvider, String operation, boolean modelInPath) {
    this.defaultProvider = defaultProvider;
    this.operation = operation;
    this.modelInPath = modelInPath;
  }

  /** True when the model is named in the URL path rather than in the request body. */
  public boolean modelInPath() {
    return modelInPath;
  }

  /** The {@code gen_ai.provider.name} of the API's owner (a compatible server may differ). */
  public String defaultProvider() {
    return defaultProvider;
  }

  /** The {@code gen_ai.operation.name}. */
  public String operation() {
    return operation;
  }
}
