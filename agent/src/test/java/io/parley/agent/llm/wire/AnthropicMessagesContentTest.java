package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.ContentJson.array;
import static io.parley.agent.llm.wire.ContentJson.message;
import static io.parley.agent.llm.wire.ContentJson.parts;
import static io.parley.agent.llm.wire.WireRun.assertNoContent;
import static io.parley.agent.llm.wire.WireRun.resource;
import static io.parley.agent.llm.wire.WireRun.runAll;
import static io.parley.agent.llm.wire.WireRun.runAllContent;
import static io.parley.agent.llm.wire.WireRun.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code parley.capture.content} for the Anthropic Messages API: body, SSE, system field. */
class AnthropicMessagesContentTest {

  private static final String JSON = "application/json";
  private static final String SSE = "text/event-stream";

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> capturing =
      () -> new AnthropicMessagesReader(WireRun.log(logLines), true);
  private final Supplier<WireReader> notCapturing =
      () -> new AnthropicMessagesReader(WireRun.log(logLines), false);

  @Test
  void messagesAndTheSystemBlocks() {
    WireReader reader = runAllContent(capturing, resource("anthropic/request.json"), 0, null, null);
    assertEquals(
        array(
            message(
                "user", null, "Analyze the major themes in 'Pride and Prejudice'. {\"model\": \"fake\"}")),
        reader.requestSummary().inputMessages());
    assertEquals(
        parts("You are an AI assistant tasked with analyzing literary works."),
        reader.requestSummary().systemInstructions());
    assertEquals("claude-sonnet-4-20250514", reader.requestSummary().model());
  }

  @Test
  void systemAsAStringAndContentBlocks() {
    byte[] request =
        utf8("{\"model\":\"claude-haiku-4-5\",\"system\":\"Be brief.\",\"messages\":["
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"one\"},"
            + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"AAAA\"}},"
            + "{\"type\":\"text\",\"text\":\"two\"}]},"
            + "{\"role\":\"assistant\",\"content\":\"three\"}]}");
    WireReader reader = runAllContent(capturing, request, 0, null, null);
    assertEquals(
        array(message("user", null, "one", "two"), message("assistant", null, "three")),
        reader.requestSummary().inputMessages());
    assertEquals(parts("Be brief."), reader.requestSummary().systemInstructions());
  }

  @Test
  void completionOfAJsonBody() {
    WireReader reader = runAllContent(capturing, null, 200, JSON, resource("anthropic/message.json"));
    assertEquals(
        array(message("assistant", "end_turn", "Hi! My name is Claude. \"stop_reason\": \"fake\"")),
        reader.summary().outputMessages());
    assertEquals("end_turn", reader.summary().finishReasons().get(0)); // unaffected
  }

  @Test
  void streamedTextDeltasAccumulate() {
    WireReader reader = runAllContent(capturing, null, 200, SSE, resource("anthropic/stream.sse"));
    String output = reader.summary().outputMessages();
    assertEquals(
        array(message("assistant", reader.summary().finishReasons().get(0), "Hello! Grüße 👋")),
        output);
  }

  @Test
  void nothingIsCapturedWhenOff() {
    assertNoContent(
        runAll(notCapturing, resource("anthropic/request.json"), 200, SSE,
            resource("anthropic/stream.sse")));
    assertNoContent(
        runAll(notCapturing, resource("anthropic/request.json"), 200, JSON,
            resource("anthropic/message.json")));
  }
}
