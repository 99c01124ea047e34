package io.parley.agent.llm.wire;

/** What Parley reads out of an LLM request body: never the prompt text unless asked. */
public final class RequestSummary {

  private final String model;
  private final boolean stream;
  private final String inputMessages;
  private final String systemInstructions;

  public RequestSummary(String model, boolean stream) {
    this(model, stream, null, null);
  }

  /**
   * @param inputMessages {@code gen_ai.input.messages} JSON, or null (content not captured)
   * @param systemInstructions {@code gen_ai.system_instructions} JSON, or null
   */
  public RequestSummary(
      String model, boolean stream, String inputMessages, String systemInstructions) {
    this.model = model;
    this.stream = stream;
    this.inputMessages = inputMessages;
    this.systemInstructions = systemInstructions;
  }

  /** {@code gen_ai.request.model}, or null when the body names none (Gemini, Bedrock: the URL). */
  public String model() {
    return model;
  }

  /** Whether the client asked for a streamed (SSE / NDJSON) response. */
  public boolean stream() {
    return stream;
  }

  /**
   * The prompt as {@code gen_ai.input.messages} JSON; null unless
   * {@code parley.capture.content=true} and the body had messages.
   */
  public String inputMessages() {
    return inputMessages;
  }

  /**
   * The provider's separate system field (Anthropic {@code system}, Gemini
   * {@code systemInstruction}, ...) as {@code gen_ai.system_instructions} JSON; null unless captured.
   */
  public String systemInstructions() {
    return systemInstructions;
  }
}
