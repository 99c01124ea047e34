package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.WireRun.resource;
import static io.parley.agent.llm.wire.WireRun.runAll;
import static io.parley.agent.llm.wire.WireRun.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OpenAiChatReaderTest {

  private static final String JSON = "application/json";
  private static final String SSE = "text/event-stream; charset=utf-8";

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> readers =
      new Supplier<WireReader>() {
        @Override
        public WireReader get() {
          return new OpenAiChatReader(WireRun.log(logLines));
        }
      };

  static byte[] requestWithImage(int imageBytes) {
    StringBuilder image = new StringBuilder(imageBytes);
    for (int i = 0; i < imageBytes; i++) {
      image.append((char) ('A' + i % 26));
    }
    return utf8(WireRun.text("openai/chat-request.json").replace("IMAGE_PLACEHOLDER", image));
  }

  @Test
  void requestModelAndStreamAfterALargeImageInTheMessages() {
    WireReader reader = runAll(readers, requestWithImage(300 * 1024), 0, null, null);
    assertEquals("gpt-4o-mini", reader.requestSummary().model());
    assertTrue(reader.requestSummary().stream());
  }

  @Test
  void requestWithoutStreamIsNotStreamed() {
    WireReader reader =
        runAll(readers, utf8("{\"model\":\"gpt-4o\",\"messages\":[]}"), 0, null, null);
    assertEquals("gpt-4o", reader.requestSummary().model());
    assertFalse(reader.requestSummary().stream());
  }

  @Test
  void noRequestBodyMeansNoRequestSummary() {
    assertNull(new OpenAiChatReader(WireRun.log(logLines)).requestSummary());
  }

  @Test
  void chatCompletion() {
    WireReader reader =
        runAll(readers, null, 200, JSON, resource("openai/chat-completion.json"));
    ResponseSummary s = reader.summary();
    assertEquals("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", s.responseId());
    assertEquals("gpt-4o-2024-08-06", s.responseModel());
    assertEquals(Collections.singletonList("stop"), s.finishReasons());
    assertEquals(Long.valueOf(1117), s.inputTokens()); // already includes the 1024 cached
    assertEquals(Long.valueOf(46), s.outputTokens());
    assertEquals(Long.valueOf(1024), s.cacheReadInputTokens());
    assertNull(s.cacheCreationInputTokens());
    assertEquals(Long.valueOf(12), s.reasoningOutputTokens());
    assertNull(s.errorType());
    assertTrue(reader.firstChunkSeen());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void finishReasonsFollowChoiceIndexNotArrayOrder() {
    ResponseSummary s =
        runAll(readers, null, 200, JSON, resource("openai/chat-completion-n2.json")).summary();
    assertEquals(Arrays.asList("stop", "length"), s.finishReasons());
    assertNull(s.cacheReadInputTokens());
    assertNull(s.reasoningOutputTokens());
  }

  @Test
  void streamWithIncludeUsage() {
    WireReader reader =
        runAll(readers, null, 200, SSE, resource("openai/chat-stream-include-usage.sse"));
    ResponseSummary s = reader.summary();
    assertEquals("chatcmpl-7QyqpwdfhqwajicIEznoc6Q47XAyW", s.responseId());
    assertEquals("gpt-4o-mini-2024-07-18", s.responseModel());
    assertEquals(Collections.singletonList("stop"), s.finishReasons());
    assertEquals(Long.valueOf(1200), s.inputTokens());
    assertEquals(Long.valueOf(7), s.outputTokens());
    assertEquals(Long.valueOf(1152), s.cacheReadInputTokens());
    assertEquals(Long.valueOf(0), s.reasoningOutputTokens());
    assertNull(s.errorType());
    assertTrue(reader.firstChunkSeen());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void streamWithoutContentTypeIsRecognisedByItsFirstByte() {
    ResponseSummary s =
        runAll(readers, null, 200, null, resource("openai/chat-stream-include-usage.sse"))
            .summary();
    assertEquals(Long.valueOf(1200), s.inputTokens());
  }

  @Test
  void jsonWithoutContentTypeIsRecognisedByItsFirstByte() {
    ResponseSummary s =
        runAll(readers, null, 200, "text/plain", resource("openai/chat-completion.json"))
            .summary();
    assertEquals(Long.valueOf(46), s.outputTokens());
  }

  @Test
  void roleOnlyFirstChunkIsNotYetContent() {
    byte[] stream = resource("openai/chat-stream-include-usage.sse");
    WireReader reader =
        runAll(readers, null, 200, SSE, WireRun.upToAfter(stream, "\n\n", 1));
    assertFalse(reader.firstChunkSeen());
    assertTrue(
        runAll(readers, null, 200, SSE, WireRun.upToAfter(stream, "\n\n", 2)).firstChunkSeen());
  }

  @Test
  void streamWithoutUsageHasNoTokens() {
    WireReader reader =
        runAll(readers, null, 200, SSE, resource("openai/chat-stream-tool-calls.sse"));
    ResponseSummary s = reader.summary();
    assertEquals("chatcmpl-9tools", s.responseId());
    assertEquals(Collections.singletonList("tool_calls"), s.finishReasons());
    assertNull(s.inputTokens());
    assertNull(s.outputTokens());
    assertTrue(reader.firstChunkSeen()); // a tool call is content
  }

  @Test
  void streamCutShortKeepsWhatWasSeen() {
    byte[] stream = resource("openai/chat-stream-include-usage.sse");
    byte[] cut = WireRun.prefix(stream, WireRun.upToAfter(stream, "\n\n", 3).length + 40);
    ResponseSummary s = runAll(readers, null, 200, SSE, cut).summary();
    assertEquals("chatcmpl-7QyqpwdfhqwajicIEznoc6Q47XAyW", s.responseId());
    assertEquals("gpt-4o-mini-2024-07-18", s.responseModel());
    assertTrue(s.finishReasons().isEmpty());
    assertNull(s.inputTokens());
    assertNull(s.errorType());
  }

  @Test
  void errorInTheStream() {
    WireReader reader = runAll(readers, null, 200, SSE, resource("openai/chat-stream-error.sse"));
    ResponseSummary s = reader.summary();
    assertEquals("server_error", s.errorType());
    assertEquals("gpt-4o-mini-2024-07-18", s.responseModel());
    assertNull(s.inputTokens());
  }

  @Test
  void errorBodyGivesErrorType() {
    ResponseSummary s =
        runAll(readers, null, 401, JSON, resource("openai/error-401.json")).summary();
    assertEquals("invalid_request_error", s.errorType());
    assertNull(s.responseModel());
    assertNull(s.inputTokens());
  }

  @Test
  void errorBodyWithoutTypeFallsBackToCode() {
    String body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":null,"
        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    assertEquals(
        "rate_limit_exceeded", runAll(readers, null, 429, JSON, utf8(body)).summary().errorType());
  }

  @Test
  void vllmFlatErrorBody() {
    String body = "{\"object\":\"error\",\"message\":\"The model `x` does not exist.\","
        + "\"type\":\"NotFoundError\",\"param\":null,\"code\":404}";
    assertEquals("NotFoundError", runAll(readers, null, 404, JSON, utf8(body)).summary().errorType());
  }

  @Test
  void deepSeekCacheHitTokens() {
    String body = "{\"id\":\"d1\",\"object\":\"chat.completion\",\"model\":\"deepseek-chat\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":2,"
        + "\"total_tokens\":22,\"prompt_cache_hit_tokens\":16,\"prompt_cache_miss_tokens\":4}}";
    ResponseSummary s = runAll(readers, null, 200, JSON, utf8(body)).summary();
    assertEquals(Long.valueOf(20), s.inputTokens());
    assertEquals(Long.valueOf(16), s.cacheReadInputTokens());
  }

  @Test
  void groqUsageInXGroq() {
    String c = "{\"id\":\"chatcmpl-g\",\"object\":\"chat.completion.chunk\",\"model\":\"llama-3.1-8b\"";
    String body = "data: " + c + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
        + "\"finish_reason\":null}]}\n\n"
        + "data: " + c + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
        + "\"x_groq\":{\"id\":\"req_01\",\"usage\":{\"queue_time\":0.01,\"prompt_tokens\":18,"
        + "\"completion_tokens\":2,\"total_tokens\":20}}}\n\ndata: [DONE]\n\n";
    ResponseSummary s = runAll(readers, null, 200, SSE, utf8(body)).summary();
    assertEquals(Long.valueOf(18), s.inputTokens());
    assertEquals(Long.valueOf(2), s.outputTokens());
    assertEquals("chatcmpl-g", s.responseId());
  }

  @Test
  void garbageEventsAreSkippedAndLoggedOnce() {
    byte[] good = resource("openai/chat-stream-include-usage.sse");
    byte[] body = utf8("data: not json at all\n\ndata: {\"id\":\n\n: comment\n\n"
        + new String(good, java.nio.charset.StandardCharsets.UTF_8));
    ResponseSummary s = runAll(readers, null, 200, SSE, body).summary();
    assertEquals(Long.valueOf(1200), s.inputTokens());
    assertEquals(Collections.singletonList("stop"), s.finishReasons());
    // 7 chunkings, one log line each (a fresh logger would rate-limit the rest)
    assertEquals(7, logLines.size(), logLines.toString());
    assertFalse(logLines.get(0).contains("not json"), logLines.get(0));
  }

  @Test
  void malformedJsonBodyKeepsFieldsBeforeTheDamage() {
    String body = "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",,\"usage\":{\"prompt_tokens\":3}}";
    ResponseSummary s = runAll(readers, null, 200, JSON, utf8(body)).summary();
    assertEquals("chatcmpl-1", s.responseId());
    assertEquals("gpt-4o", s.responseModel());
    assertNull(s.inputTokens());
  }

  @Test
  void randomBytesNeverThrow() {
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 50; round++) {
      byte[] junk = new byte[1 + random.nextInt(2000)];
      random.nextBytes(junk);
      String type = round % 3 == 0 ? JSON : round % 3 == 1 ? SSE : null;
      WireReader reader = runAll(readers, junk, 200, type, junk);
      reader.summary();
      reader.requestSummary();
    }
  }

  @Test
  void wrongTypesGiveMissingFields() {
    String body = "{\"id\":42,\"model\":{\"name\":\"x\"},\"choices\":\"none\","
        + "\"usage\":{\"prompt_tokens\":\"12\",\"completion_tokens\":1.5,"
        + "\"prompt_tokens_details\":[1,2]}}";
    ResponseSummary s = runAll(readers, null, 200, JSON, utf8(body)).summary();
    assertNull(s.responseId());
    assertNull(s.responseModel());
    assertNull(s.inputTokens());
    assertNull(s.outputTokens());
    assertTrue(s.finishReasons().isEmpty());
  }

  @Test
  void hugeContentDoesNotHideTheUsageAfterIt() {
    StringBuilder content = new StringBuilder(12 * 1024 * 1024);
    for (int i = 0; i < 12 * 1024 * 1024 / 16; i++) {
      content.append("lorem ipsum \\\" \u00e9");
    }
    String body = "{\"id\":\"big\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + content + "\"},\"finish_reason\":\"length\"}],"
        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4096}}";
    byte[] bytes = utf8(body);
    OpenAiChatReader reader = new OpenAiChatReader(WireRun.log(logLines));
    reader.responseHead(200, JSON);
    for (int i = 0; i < bytes.length; i += 16384) {
      reader.responseBytes(bytes, i, Math.min(16384, bytes.length - i));
    }
    ResponseSummary s = reader.summary();
    assertEquals(Long.valueOf(4096), s.outputTokens());
    assertEquals(Collections.singletonList("length"), s.finishReasons());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void oversizedEventIsDroppedWithoutHarm() {
    StringBuilder big = new StringBuilder("data: {\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\"");
    for (int i = 0; i < 2 * 1024 * 1024; i++) {
      big.append('a');
    }
    big.append("\"}}]}\n\n");
    byte[] good = resource("openai/chat-stream-include-usage.sse");
    OpenAiChatReader reader = new OpenAiChatReader(WireRun.log(logLines));
    reader.responseHead(200, SSE);
    byte[] bytes = utf8(big.toString());
    reader.responseBytes(bytes, 0, bytes.length);
    reader.responseBytes(good, 0, good.length);
    assertEquals(Long.valueOf(1200), reader.summary().inputTokens());
    assertEquals("chatcmpl-7QyqpwdfhqwajicIEznoc6Q47XAyW", reader.summary().responseId());
  }

  @Test
  void summaryCanBeTakenRepeatedlyMidStream() {
    byte[] stream = resource("openai/chat-stream-include-usage.sse");
    OpenAiChatReader reader = new OpenAiChatReader(WireRun.log(logLines));
    reader.responseHead(200, SSE);
    for (int i = 0; i < stream.length; i++) {
      reader.responseBytes(stream, i, 1);
      reader.summary();
    }
    assertEquals(Long.valueOf(7), reader.summary().outputTokens());
  }
}
