package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.agent.llm.LlmApi;
import io.parley.agent.log.ParleyLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A negative or absurd token count from a broken or hostile server is not recorded (found by
 * {@link WireFuzzTest}: it became negative {@code gen_ai.usage.*} attributes, negative costs and
 * negative session-metric values, which the SDK's histograms reject).
 */
class TokenCountBoundsTest {

  private static ResponseSummary read(LlmApi api, String path, String body) {
    WireReader reader = WireReaders.create(api, path, new ParleyLog(new ArrayList<String>()::add, System::nanoTime));
    reader.responseHead(200, "application/json");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    reader.responseBytes(bytes, 0, bytes.length);
    return reader.summary();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "OPENAI_CHAT_COMPLETIONS|/v1/chat/completions|{\"usage\":{\"prompt_tokens\":-5,\"completion_tokens\":-1}}",
        "OPENAI_RESPONSES|/v1/responses|{\"usage\":{\"input_tokens\":-5,\"output_tokens\":-1}}",
        "OPENAI_EMBEDDINGS|/v1/embeddings|{\"usage\":{\"prompt_tokens\":-5,\"total_tokens\":-5}}",
        "ANTHROPIC_MESSAGES|/v1/messages|{\"type\":\"message\",\"usage\":{\"input_tokens\":-5,\"output_tokens\":-1}}",
        "GEMINI_GENERATE_CONTENT|/v1beta/models/gemini-2.0-flash:generateContent|{\"usageMetadata\":{\"promptTokenCount\":-5,\"candidatesTokenCount\":-1}}",
        "OLLAMA_CHAT|/api/chat|{\"done\":true,\"prompt_eval_count\":-5,\"eval_count\":-1}",
        "BEDROCK_CONVERSE|/model/anthropic.claude-3-haiku/converse|{\"usage\":{\"inputTokens\":-5,\"outputTokens\":-1}}",
      })
  void negativeCountsAreLeftOut(LlmApi api, String path, String body) {
    ResponseSummary summary = read(api, path, body);
    // left out; Gemini omits zero counts from usageMetadata, so it reads an absent one as 0
    Long absent = api == LlmApi.GEMINI_GENERATE_CONTENT ? Long.valueOf(0) : null;
    assertEquals(absent, summary.inputTokens(), summary.toString());
    assertEquals(absent, summary.outputTokens(), summary.toString());
  }

  @Test
  void countsPastTheBoundAreLeftOutSoThatSumsCannotOverflow() {
    ResponseSummary summary =
        read(LlmApi.ANTHROPIC_MESSAGES, "/v1/messages",
            "{\"type\":\"message\",\"usage\":{\"input_tokens\":9223372036854775807,"
                + "\"cache_read_input_tokens\":9223372036854775807,\"output_tokens\":1000000000000001}}");
    assertNull(summary.inputTokens(), summary.toString());
    assertNull(summary.outputTokens(), summary.toString());
  }

  @Test
  void theLargestCountAndZeroAreKept() {
    ResponseSummary summary =
        read(LlmApi.OPENAI_CHAT_COMPLETIONS, "/v1/chat/completions",
            "{\"usage\":{\"prompt_tokens\":" + JsonValues.MAX_COUNT + ",\"completion_tokens\":0}}");
    assertEquals(JsonValues.MAX_COUNT, summary.inputTokens());
    assertEquals(0L, summary.outputTokens());
  }
}
