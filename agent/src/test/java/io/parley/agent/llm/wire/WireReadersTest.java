package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.llm.LlmApi;
import org.junit.jupiter.api.Test;

class WireReadersTest {

  @Test
  void eachApiGetsItsReader() {
    assertInstanceOf(OpenAiChatReader.class, WireReaders.create(LlmApi.OPENAI_CHAT_COMPLETIONS, "/v1/chat/completions"));
    assertInstanceOf(OpenAiResponsesReader.class, WireReaders.create(LlmApi.OPENAI_RESPONSES, "/v1/responses"));
    assertInstanceOf(OpenAiEmbeddingsReader.class, WireReaders.create(LlmApi.OPENAI_EMBEDDINGS, "/v1/embeddings"));
    assertInstanceOf(
        AnthropicMessagesReader.class, WireReaders.create(LlmApi.ANTHROPIC_MESSAGES, "/v1/messages"));
    assertInstanceOf(
        GeminiReader.class,
        WireReaders.create(
            LlmApi.GEMINI_GENERATE_CONTENT, "/v1beta/models/gemini-2.5-flash:generateContent"));
    assertInstanceOf(OllamaReader.class, WireReaders.create(LlmApi.OLLAMA_CHAT, "/api/chat"));
    assertInstanceOf(
        BedrockConverseReader.class,
        WireReaders.create(LlmApi.BEDROCK_CONVERSE, "/model/anthropic.claude-v2/converse"));
  }

  @Test
  void everyApiGetsAFreshReaderAndNoneIsNull() {
    for (LlmApi api : LlmApi.values()) {
      WireReader reader = WireReaders.create(api, "/v1/x");
      assertNotNull(reader, api.name());
      assertNotSame(reader, WireReaders.create(api, "/v1/x"), api.name());
    }
    assertInstanceOf(NoUsageReader.class, WireReaders.create(null, "/"));
  }

  @Test
  void noUsageReaderReadsNothingButTheFirstChunk() {
    NoUsageReader reader = new NoUsageReader();
    reader.requestBytes(new byte[] {'{'}, 0, 1);
    reader.responseHead(200, "application/json");
    assertFalse(reader.firstChunkSeen());
    reader.responseBytes(new byte[] {'{'}, 0, 1);
    assertTrue(reader.firstChunkSeen());
    assertNull(reader.requestSummary());
    assertNull(reader.summary().inputTokens());
    assertTrue(reader.summary().finishReasons().isEmpty());
  }
}
