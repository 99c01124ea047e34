package io.parley.agent.dialect;

import io.opentelemetry.api.common.Attributes;
import io.parley.agent.llm.GenAiKeys;

/** What the dialects read alike off an LLM span's GenAI attributes. */
final class LlmSpans {

  private LlmSpans() {}

  static boolean isEmbedding(String operation) {
    return "embeddings".equals(operation);
  }

  /** The response model, else the request model; null when neither is known. */
  static String model(Attributes attributes) {
    String response = attributes.get(GenAiKeys.RESPONSE_MODEL);
    return response != null ? response : attributes.get(GenAiKeys.REQUEST_MODEL);
  }

  static long orZero(Long count) {
    return count == null ? 0L : count;
  }
}
