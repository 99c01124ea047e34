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
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code parley.capture.content} for the OpenAI Responses API. */
class OpenAiResponsesContentTest {

  private static final String JSON = "application/json";
  private static final String SSE = "text/event-stream";

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> capturing =
      () -> new OpenAiResponsesReader(WireRun.log(logLines), true);
  private final Supplier<WireReader> notCapturing =
      () -> new OpenAiResponsesReader(WireRun.log(logLines), false);

  @Test
  void inputItemsAndInstructions() {
    WireReader reader =
        runAllContent(capturing, resource("openai/responses-request.json"), 0, null, null);
    assertEquals(
        array(message("user", null, "Tell me a three sentence bedtime story about a unicorn.")),
        reader.requestSummary().inputMessages());
    assertEquals(
        parts("You are a helpful assistant."), reader.requestSummary().systemInstructions());
  }

  @Test
  void inputAsOneString() {
    WireReader reader =
        runAllContent(
            capturing, utf8("{\"model\":\"gpt-4.1\",\"input\":\"Say hi\"}"), 0, null, null);
    assertEquals(array(message("user", null, "Say hi")), reader.requestSummary().inputMessages());
    assertNull(reader.requestSummary().systemInstructions());
  }

  @Test
  void outputMessageOfAJsonBody() {
    WireReader reader =
        runAllContent(capturing, null, 200, JSON, resource("openai/responses-completed.json"));
    assertEquals(
        array(
            message(
                "assistant",
                "stop",
                "In a peaceful grove beneath a silver moon, a unicorn named Lumina discovered a"
                    + " hidden pool that reflected the stars.")),
        reader.summary().outputMessages());
  }

  @Test
  void streamedTextDeltasOnlyNotTheCompletedResponseAgain() {
    WireReader reader =
        runAllContent(capturing, null, 200, SSE, resource("openai/responses-stream.sse"));
    assertEquals(
        array(message("assistant", "stop", "Hi there! ✨")), reader.summary().outputMessages());
  }

  @Test
  void nothingIsCapturedWhenOff() {
    assertNoContent(
        runAll(notCapturing, resource("openai/responses-request.json"), 200, SSE,
            resource("openai/responses-stream.sse")));
    assertNoContent(
        runAll(notCapturing, resource("openai/responses-request.json"), 200, JSON,
            resource("openai/responses-completed.json")));
  }
}
