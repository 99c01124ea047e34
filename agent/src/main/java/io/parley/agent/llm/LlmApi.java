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
  GEMINI_GENERATE_CONTENT("gcp.gemini", "generate_content"),
  GEMINI_STREAM_GENERATE_CONTENT("gcp.gemini", "generate_content"),
  OLLAMA_CHAT("ollama", "chat"),
  OLLAMA_GENERATE("ollama", "text_completion"),
  BEDROCK_CONVERSE("aws.bedrock", "chat");

  private final String defaultProvider;
  private final String operation;

  LlmApi(String defaultProvider, String operation) {
    this.defaultProvider = defaultProvider;
    this.operation = operation;
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
