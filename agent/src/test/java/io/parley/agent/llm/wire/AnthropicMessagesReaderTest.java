package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.WireRun.resource;
import static io.parley.agent.llm.wire.WireRun.runAll;
import static io.parley.agent.llm.wire.WireRun.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AnthropicMessagesReaderTest {

  private static final String SSE = "text/event-stream; charset=utf-8";
  private static final String JSON = "application/json";

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> readers =
      new Supplier<WireReader>() {
        @Override
        public WireReader get() {
          return new AnthropicMessagesReader(WireRun.log(logLines));
        }
      };

  @Test
  void request() {
    WireReader reader = runAll(readers, resource("anthropic/request.json"), 0, null, null);
    assertEquals("claude-sonnet-4-20250514", reader.requestSummary().model());
    assertTrue(reader.requestSummary().stream());
  }

  @Test
  void messageInputTokensIncludeCacheReadsAndWrites() {
    ResponseSummary s = runAll(readers, null, 200, JSON, resource("anthropic/message.json")).summary();
    assertEquals("msg_013Zva2CMHLNnXjNJJKqJ2EF", s.responseId());
    assertEquals("claude-sonnet-4-20250514", s.responseModel());
    assertEquals(Collections.singletonList("end_turn"), s.finishReasons());
    assertEquals(Long.valueOf(21 + 188086 + 1000), s.inputTokens());
    assertEquals(Long.valueOf(1000), s.cacheReadInputTokens());
    assertEquals(Long.valueOf(188086), s.cacheCreationInputTokens());
    assertEquals(Long.valueOf(393), s.outputTokens());
    assertNull(s.reasoningOutputTokens());
    assertNull(s.errorType());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void stream() {
    WireReader reader = runAll(readers, null, 200, SSE, resource("anthropic/stream.sse"));
    ResponseSummary s = reader.summary();
    assertEquals("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", s.responseId());
    assertEquals("claude-opus-4-1-20250805", s.responseModel());
    assertEquals(Collections.singletonList("end_turn"), s.finishReasons());
    assertEquals(Long.valueOf(25 + 2048), s.inputTokens());
    assertEquals(Long.valueOf(2048), s.cacheReadInputTokens());
    assertEquals(Long.valueOf(0), s.cacheCreationInputTokens());
    assertEquals(Long.valueOf(15), s.outputTokens());
    assertNull(s.errorType());
    assertTrue(reader.firstChunkSeen());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void firstChunkIsTheFirstContentDeltaNotMessageStartOrPing() {
    byte[] stream = resource("anthropic/stream.sse");
    assertFalse(
        runAll(readers, null, 200, SSE, WireRun.upToAfter(stream, "\n\n", 3)).firstChunkSeen());
    assertTrue(
        runAll(readers, null, 200, SSE, WireRun.upToAfter(stream, "\n\n", 4)).firstChunkSeen());
  }

  @Test
  void cumulativeUsageTakesTheLastMessageDeltaIncludingRepeatedInputCounts() {
    ResponseSummary s =
        runAll(readers, null, 200, SSE, resource("anthropic/stream-tool-use.sse")).summary();
    assertEquals(Collections.singletonList("tool_use"), s.finishReasons());
    assertEquals(Long.valueOf(89), s.outputTokens()); // not 2 + 40 + 89
    assertEquals(Long.valueOf(472 + 100 + 50), s.inputTokens());
    assertEquals(Long.valueOf(50), s.cacheReadInputTokens());
    assertEquals(Long.valueOf(100), s.cacheCreationInputTokens());
  }

  @Test
  void streamCutAfterMessageStartHasIdModelAndInputOnly() {
    byte[] stream = resource("anthropic/stream.sse");
    ResponseSummary s =
        runAll(readers, null, 200, SSE, WireRun.upToAfter(stream, "\n\n", 2)).summary();
    assertEquals("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", s.responseId());
    assertEquals(Long.valueOf(25 + 2048), s.inputTokens());
    assertTrue(s.finishReasons().isEmpty());
    assertEquals(Long.valueOf(1), s.outputTokens()); // what message_start said so far
  }

  @Test
  void errorEventMidStreamOnA200() {
    WireReader reader = runAll(readers, null, 200, SSE, resource("anthropic/stream-overloaded.sse"));
    ResponseSummary s = reader.summary();
    assertEquals("overloaded_error", s.errorType());
    assertEquals("msg_01overload", s.responseId());
    assertTrue(s.finishReasons().isEmpty());
  }

  @Test
  void errorBody() {
    ResponseSummary s =
        runAll(readers, null, 400, JSON, resource("anthropic/error-400.json")).summary();
    assertEquals("invalid_request_error", s.errorType());
    assertNull(s.responseId()); // the error body's request_id is not a response id
    assertNull(s.inputTokens());
  }

  @Test
  void overloadedBody() {
    String body = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}";
    assertEquals(
        "overloaded_error", runAll(readers, null, 529, JSON, utf8(body)).summary().errorType());
  }

  @Test
  void garbageBetweenEventsIsSkipped() {
    String stream = new String(resource("anthropic/stream.sse"), java.nio.charset.StandardCharsets.UTF_8);
    String noisy = stream.replace("event: ping\n", "event: ping\ndata: {oops\n\nevent: x\n");
    ResponseSummary s = runAll(readers, null, 200, SSE, utf8(noisy)).summary();
    assertEquals(Long.valueOf(15), s.outputTokens());
    assertEquals(Long.valueOf(25 + 2048), s.inputTokens());
  }
}
