package io.parley.agent.llm.wire;

/** What Parley reads out of an LLM request body: never the prompt text unless asked. */
public final class RequestSummary {

  private final String model;
  private final boolean stream;

  public RequestSummary(String model, boolean stream) {
    this.model = model;
    this.stream = stream;
  }

  /** {@code gen_ai.request.model}, or null when the body names none (Gemini, Bedrock: the URL). */
  public String model() {
    return model;
  }

  /** Whether the client asked for a streamed (SSE / NDJSON) response. */
  public boolean stream() {
    return stream;
  }
}
