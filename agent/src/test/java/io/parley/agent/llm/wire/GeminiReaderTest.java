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
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GeminiReaderTest {

  private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
  private static final String STREAM_SSE =
      "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
  private static final String JSON = "application/json; charset=UTF-8";
  private static final String SSE = "text/event-stream";

  private static final String GENERATE_SUMMARY = "ResponseSummary{model=gemini-2.5-flash,"
      + " id=mAitaLmkHPPlz7IPvtfUqQ4, finish=[STOP], in=1053, out=491, cacheRead=1024,"
      + " cacheWrite=null, reasoning=482, error=null}";
  private static final String STREAM_SUMMARY = "ResponseSummary{model=gemini-2.5-flash,"
      + " id=Pe5ZaO2CJ9Cdz7IP4bmEgAo, finish=[STOP], in=8, out=32, cacheRead=null,"
      + " cacheWrite=null, reasoning=27, error=null}";

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> generate =
      () -> new GeminiReader(GENERATE, WireRun.log(logLines));
  private final Supplier<WireReader> stream =
      () -> new GeminiReader(STREAM_SSE, WireRun.log(logLines));

  @Test
  void generateContentResponse() {
    WireReader reader =
        runAll(generate, null, 200, JSON, resource("gemini/generate-content.json"));
    assertEquals(GENERATE_SUMMARY, reader.summary().toString());
    assertTrue(reader.firstChunkSeen());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void inputIsThePromptCountWhichAlreadyIncludesTheCache() {
    ResponseSummary s =
        runAll(generate, null, 200, JSON, resource("gemini/generate-content.json")).summary();
    assertEquals(Long.valueOf(1053), s.inputTokens());
    assertEquals(Long.valueOf(1024), s.cacheReadInputTokens());
    assertEquals(Long.valueOf(9 + 482), s.outputTokens(), "thoughts are billed as output");
    assertEquals(Long.valueOf(482), s.reasoningOutputTokens());
  }

  @Test
  void toolUsePromptTokensCountAsInput() {
    String body = "{\"usageMetadata\": {\"promptTokenCount\": 100, \"toolUsePromptTokenCount\": 40,"
        + " \"candidatesTokenCount\": 7, \"totalTokenCount\": 147}}";
    ResponseSummary s = runAll(generate, null, 200, JSON, utf8(body)).summary();
    assertEquals(Long.valueOf(140), s.inputTokens());
    assertEquals(Long.valueOf(7), s.outputTokens());
    assertNull(s.reasoningOutputTokens());
  }

  @Test
  void sseStreamTakesTheLastUsage() {
    WireReader reader = runAll(stream, null, 200, SSE, resource("gemini/stream.sse"));
    assertEquals(STREAM_SUMMARY, reader.summary().toString());
    assertTrue(reader.firstChunkSeen());
    assertTrue(reader.requestSummary().stream());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void sseWithoutContentTypeIsRecognisedByItsFirstByte() {
    assertEquals(STREAM_SUMMARY,
        runAll(stream, null, 200, null, resource("gemini/stream.sse")).summary().toString());
  }

  @Test
  void jsonArrayStreamWithoutAltSse() {
    String[] events = WireRun.text("gemini/stream.sse").split("\r\n\r\n");
    String array = "[" + events[0].substring(6) + "\r\n,\r\n" + events[1].substring(6)
        + "\r\n,\r\n" + events[2].substring(6) + "]";
    WireReader reader = runAll(
        () -> new GeminiReader("/v1beta/models/gemini-2.5-flash:streamGenerateContent",
            WireRun.log(logLines)),
        null, 200, JSON, utf8(array));
    assertEquals(STREAM_SUMMARY, reader.summary().toString());
    assertTrue(reader.requestSummary().stream());
  }

  @Test
  void streamCutShortKeepsTheLastCompleteUsage() {
    byte[] cut = WireRun.upToAfter(resource("gemini/stream.sse"), "\"totalTokenCount\": 40", 1);
    WireReader reader = runAll(stream, null, 200, SSE, cut);
    assertEquals("ResponseSummary{model=gemini-2.5-flash, id=Pe5ZaO2CJ9Cdz7IP4bmEgAo,"
        + " finish=[], in=8, out=30, cacheRead=null, cacheWrite=null, reasoning=27, error=null}",
        reader.summary().toString());
    assertTrue(reader.firstChunkSeen());
  }

  @Test
  void firstChunkIsTheFirstEventWithContent() {
    byte[] body = resource("gemini/stream.sse");
    assertFalse(runAll(stream, null, 200, SSE, WireRun.prefix(body, 40)).firstChunkSeen());
    assertTrue(runAll(stream, null, 200, SSE, WireRun.upToAfter(body, "\r\n\r\n", 1))
        .firstChunkSeen());
  }

  @Test
  void errorBodyStatusIsTheErrorType() {
    assertEquals("ResponseSummary{model=null, id=null, finish=[], in=null, out=null,"
        + " cacheRead=null, cacheWrite=null, reasoning=null, error=RESOURCE_EXHAUSTED}",
        runAll(generate, null, 429, JSON, resource("gemini/error-429.json")).summary()
            .toString());
  }

  @Test
  void errorEventInsideAStream() {
    String body = new String(WireRun.upToAfter(resource("gemini/stream.sse"), "\r\n\r\n", 1),
        java.nio.charset.StandardCharsets.UTF_8)
        + "data: {\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\","
        + " \"status\": \"UNAVAILABLE\"}}\r\n\r\n";
    ResponseSummary s = runAll(stream, null, 200, SSE, utf8(body)).summary();
    assertEquals("UNAVAILABLE", s.errorType());
    assertEquals(Long.valueOf(8), s.inputTokens());
  }

  @Test
  void errorWithoutStatusUsesTheCode() {
    ResponseSummary s = runAll(generate, null, 500, JSON,
        utf8("{\"error\": {\"code\": 500, \"message\": \"Internal error\"}}")).summary();
    assertEquals("500", s.errorType());
  }

  @Test
  void severalCandidatesKeepTheirOwnFinishReason() {
    String body = "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\"}]},"
        + " \"finishReason\": \"STOP\"}, {\"content\": {\"parts\": [{\"text\": \"b\"}]},"
        + " \"finishReason\": \"MAX_TOKENS\", \"index\": 1}],"
        + " \"usageMetadata\": {\"promptTokenCount\": 4, \"candidatesTokenCount\": 2}}";
    assertEquals(Arrays.asList("STOP", "MAX_TOKENS"),
        runAll(generate, null, 200, JSON, utf8(body)).summary().finishReasons());
  }

  @Test
  void hugeInlineImageDoesNotHideTheUsage() {
    StringBuilder image = new StringBuilder(3 * 1024 * 1024);
    for (int i = 0; i < 3 * 1024 * 1024; i++) {
      image.append((char) ('A' + i % 26));
    }
    String body = WireRun.text("gemini/generate-content.json").replace("{\n            \"text\"",
        "{\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \"" + image + "\"}},\n{\"text\"");
    WireReader reader = WireRun.run(generate.get(), null, 200, JSON, utf8(body),
        Chunking.all().get(0));
    assertEquals(GENERATE_SUMMARY, reader.summary().toString());
  }

  @Test
  void requestSummaryComesFromTheUrl() {
    RequestSummary request = runAll(generate, utf8("{\"contents\": []}"), 0, null, null)
        .requestSummary();
    assertEquals("gemini-2.5-flash", request.model());
    assertFalse(request.stream());
  }

  @Test
  void malformedInputNeverThrows() {
    String[] bodies = {"{\"candidates\": [}",
        "data: not json\n\ndata: {\"usageMetadata\": {\"promptTokenCount\": \"x\"}}\n\n",
        "[{\"usageMetadata\": 5}, 7, \"x\", null]", "\u0000\u00ff{{{{"};
    for (String body : bodies) {
      for (Chunking chunking : Chunking.all()) {
        WireRun.run(stream.get(), null, 200, null, utf8(body), chunking).summary();
      }
    }
    Random random = new Random(7);
    for (int round = 0; round < 30; round++) {
      byte[] noise = new byte[random.nextInt(3000)];
      random.nextBytes(noise);
      String type = round % 3 == 0 ? SSE : round % 3 == 1 ? JSON : null;
      for (Chunking chunking : Chunking.all()) {
        WireRun.run(stream.get(), noise, 200, type, noise, chunking).summary();
      }
    }
  }

  @Test
  void malformedBodyLogsOneLineWithoutContent() {
    WireReader reader = WireRun.run(generate.get(), null, 200, JSON,
        utf8("{\"candidates\": [secret-prompt]}"), Chunking.all().get(1));
    assertNull(reader.summary().inputTokens());
    assertEquals(1, logLines.size(), logLines.toString());
    assertFalse(logLines.get(0).contains("secret"), logLines.get(0));
  }
}
