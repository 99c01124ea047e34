package io.parley.agent.llm.cost;

/** Model names as gateways and clouds spell them, reduced to the provider's own model id. */
final class ModelName {

  private ModelName() {}

  /**
   * Strips what a router or cloud adds around a model id: a path or provider prefix
   * ({@code openai/gpt-4o}, {@code models/gemini-2.5-flash}, a Bedrock ARN) and Bedrock's
   * {@code [region.]provider.} ({@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}). Anthropic
   * ids never contain dots, so a router's {@code claude-3.7-sonnet} reads {@code claude-3-7-sonnet}.
   * Expects a lower-case name.
   */
  static String withoutProvider(String name) {
    String id = name.substring(name.lastIndexOf('/') + 1);
    int dash = id.indexOf('-');
    int dot = id.lastIndexOf('.', dash < 0 ? id.length() - 1 : dash);
    if (dot >= 0 && dot < id.length() - 1) {
      id = id.substring(dot + 1); // Bedrock: the dots all come before the model's first '-'
    }
    if (id.startsWith("claude-") && id.indexOf('.') >= 0) {
      id = id.replace('.', '-');
    }
    return id;
  }
}
