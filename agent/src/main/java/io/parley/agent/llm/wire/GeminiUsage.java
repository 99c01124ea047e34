package io.parley.agent.llm.wire;

/** The counts of one Gemini {@code usageMetadata} object; proto3 JSON leaves out zero counts. */
final class GeminiUsage {

  Long prompt;
  Long toolUsePrompt;
  Long cachedContent;
  Long candidates;
  Long thoughts;

  /** Records the count named {@code field}; other fields (totals, details) are ignored. */
  void set(String field, Long count) {
    if ("promptTokenCount".equals(field)) {
      prompt = count;
    } else if ("candidatesTokenCount".equals(field)) {
      candidates = count;
    } else if ("thoughtsTokenCount".equals(field)) {
      thoughts = count;
    } else if ("cachedContentTokenCount".equals(field)) {
      cachedContent = count;
    } else if ("toolUsePromptTokenCount".equals(field)) {
      toolUsePrompt = count;
    }
  }

  /** The prompt, which already includes cached content, plus tool-use prompts (billed as input). */
  long inputTokens() {
    return orZero(prompt) + orZero(toolUsePrompt);
  }

  /** The candidates plus the thoughts, which are billed as output. */
  long outputTokens() {
    return orZero(candidates) + orZero(thoughts);
  }

  void clear() {
    prompt = null;
    toolUsePrompt = null;
    cachedContent = null;
    candidates = null;
    thoughts = null;
  }

  GeminiUsage copy() {
    GeminiUsage copy = new GeminiUsage();
    copy.prompt = prompt;
    copy.toolUsePrompt = toolUsePrompt;
    copy.cachedContent = cachedContent;
    copy.candidates = candidates;
    copy.thoughts = thoughts;
    return copy;
  }

  private static long orZero(Long count) {
    return count == null ? 0L : count;
  }
}
