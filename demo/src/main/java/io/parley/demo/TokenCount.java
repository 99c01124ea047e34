package io.parley.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** Deterministic stand-in for a tokenizer: about four tokens for every three words. */
final class TokenCount {

  // OpenAI's chat format adds a few tokens per message and per reply
  private static final int PER_MESSAGE = 4;
  private static final int PER_REPLY = 3;

  private TokenCount() {}

  static int ofWords(int words) {
    return Math.max(1, (words * 4 + 2) / 3);
  }

  static int ofText(String text) {
    String trimmed = text.trim();
    return trimmed.isEmpty() ? 0 : ofWords(trimmed.split("\\s+").length);
  }

  static int ofPrompt(JsonNode messages) {
    int tokens = PER_REPLY;
    for (JsonNode message : messages) {
      tokens += PER_MESSAGE + ofText(textOf(message.path("content")));
    }
    return tokens;
  }

  /** Like OpenAI: prompts from 1024 tokens on reuse a cached prefix, in steps of 128. */
  static int cachedOf(int promptTokens) {
    return promptTokens < 1024 ? 0 : (promptTokens / 128) * 128;
  }

  /** The text of a message's content: a string, or an array of {@code {"type":"text"}} parts. */
  static String textOf(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      if ("text".equals(part.path("type").asText())) {
        text.append(part.path("text").asText()).append(' ');
      }
    }
    return text.toString();
  }
}
