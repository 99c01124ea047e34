package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.WireRun.resource;
import static io.parley.agent.llm.wire.WireRun.runAll;
import static io.parley.agent.llm.wire.WireRun.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OpenAiResponsesReaderTest {

  private static final String JSON = "application/json";
  private static final String SSE = "text/event-stream";

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> readers =
      new Supplier<WireReader>() {
        @Override
        public WireReader get() {
          return new OpenAiResponsesReader(WireRun.log(logLines));
        }
      };

  @Test
  void request() {
    WireReader reader = runAll(readers, resource("openai/responses-request.json"), 0, null, null);
    assertEquals("gpt-4.1", reader.requestSummary().model());
    assertTrue(reader.requestSummary().stream());
  }

  @Test
  void completedResponse() {
    ResponseSummary s =
        runAll(readers, null, 200, JSON, resource("openai/responses-completed.json")).summary();
    assertEquals("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b", s.responseId());
    assertEquals("gpt-4.1-2025-04-14", s.responseModel());
    assertEquals(Collections.singletonList("stop"), s.finishReasons());
    assertEquals(Long.valueOf(2036), s.inputTokens()); // includes the cached 1920
    assertEquals(Long.valueOf(1920), s.cacheReadInputTokens());
    assertEquals(Long.valueOf(87), s.outputTokens());
    assertEquals(Long.valueOf(64), s.reasoningOutputTokens());
    assertNull(s.errorType());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void incompleteResponseFinishesWithItsReason() {
    ResponseSummary s =
        runAll(readers, null, 200, JSON, resource("openai/responses-incomplete.json")).summary();
    assertEquals(Collections.singletonList("max_output_tokens"), s.finishReasons());
    assertEquals("resp_incomplete_1", s.responseId());
    assertEquals(Long.valueOf(16), s.reasoningOutputTokens());
  }

  @Test
  void stream() {
    WireReader reader = runAll(readers, null, 200, SSE, resource("openai/responses-stream.sse"));
    ResponseSummary s = reader.summary();
    assertEquals("resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654", s.responseId());
    assertEquals("gpt-4.1-2025-04-14", s.responseModel());
    assertEquals(Collections.singletonList("stop"), s.finishReasons());
    assertEquals(Long.valueOf(37), s.inputTokens());
    assertEquals(Long.valueOf(11), s.outputTokens());
    assertEquals(Long.valueOf(0), s.cacheReadInputTokens());
    assertEquals(Long.valueOf(0), s.reasoningOutputTokens());
    assertNull(s.errorType());
    assertTrue(reader.firstChunkSeen());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void lifecycleEventsBeforeTheFirstDeltaAreNotTheFirstChunk() {
    byte[] stream = resource("openai/responses-stream.sse");
    assertFalse(
        runAll(readers, null, 200, SSE, WireRun.upToAfter(stream, "\n\n", 4)).firstChunkSeen());
    assertTrue(
        runAll(readers, null, 200, SSE, WireRun.upToAfter(stream, "\n\n", 5)).firstChunkSeen());
  }

  @Test
  void streamCutShortHasIdAndModelButNoUsage() {
    byte[] stream = resource("openai/responses-stream.sse");
    byte[] cut = WireRun.prefix(stream, WireRun.upToAfter(stream, "\n\n", 9).length + 100);
    ResponseSummary s = runAll(readers, null, 200, SSE, cut).summary();
    assertEquals("resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654", s.responseId());
    assertEquals("gpt-4.1-2025-04-14", s.responseModel());
    assertTrue(s.finishReasons().isEmpty()); // still in_progress
    assertNull(s.inputTokens());
    assertNull(s.outputTokens());
  }

  @Test
  void streamWithoutEventLinesUsesTheDataType() {
    String stream = new String(resource("openai/responses-stream.sse"), StandardCharsets.UTF_8);
    StringBuilder dataOnly = new StringBuilder();
    for (String line : stream.split("\n", -1)) {
      if (!line.startsWith("event:")) {
        dataOnly.append(line).append('\n');
      }
    }
    WireReader reader = runAll(readers, null, 200, SSE, utf8(dataOnly.toString()));
    assertEquals(Long.valueOf(37), reader.summary().inputTokens());
    assertTrue(reader.firstChunkSeen());
  }

  @Test
  void failedResponse() {
    ResponseSummary s =
        runAll(readers, null, 200, SSE, resource("openai/responses-stream-failed.sse")).summary();
    assertEquals(Collections.singletonList("error"), s.finishReasons());
    assertEquals("server_error", s.errorType());
    assertNull(s.inputTokens());
  }

  @Test
  void errorEvent() {
    ResponseSummary s =
        runAll(readers, null, 200, SSE, resource("openai/responses-stream-error.sse")).summary();
    assertEquals("ERR_SOMETHING", s.errorType());
    assertEquals("gpt-4.1-2025-04-14", s.responseModel());
  }

  @Test
  void errorBody() {
    ResponseSummary s =
        runAll(readers, null, 400, JSON, resource("openai/error-401.json")).summary();
    assertEquals("invalid_request_error", s.errorType());
    assertTrue(s.finishReasons().isEmpty());
  }

  @Test
  void garbageNeverThrows() {
    ResponseSummary s =
        runAll(readers, null, 200, SSE, utf8("event: response.completed\ndata: {{{\n\n"))
            .summary();
    assertNull(s.responseId());
    assertTrue(s.finishReasons().isEmpty());
  }
}
