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

/** {@code parley.capture.content} for Ollama's /api/chat and /api/generate. */
class OllamaContentTest {

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> capturing = () -> new OllamaReader(WireRun.log(logLines), true);
  private final Supplier<WireReader> notCapturing =
      () -> new OllamaReader(WireRun.log(logLines), false);

  @Test
  void chatMessagesAndStreamedLines() {
    WireReader reader =
        runAllContent(capturing, resource("ollama/chat-request.json"), 200,
            "application/x-ndjson", resource("ollama/chat-stream.ndjson"));
    assertEquals(
        array(message("user", null, "why is the sky blue? answer as {\"stream\": false}")),
        reader.requestSummary().inputMessages());
    assertNull(reader.requestSummary().systemInstructions());
    assertEquals(
        array(message("assistant", "stop", "The sky é blue — 🌍")),
        reader.summary().outputMessages());
    assertEquals("llama3.2", reader.requestSummary().model());
  }

  @Test
  void generatePromptSystemAndResponse() {
    byte[] request =
        utf8("{\"model\":\"llama3.2\",\"system\":\"Answer in one line.\","
            + "\"prompt\":\"What is in this picture?\",\"images\":[\"AAAA\"],\"stream\":false}");
    WireReader reader =
        runAllContent(capturing, request, 200, "application/json",
            resource("ollama/generate.json"));
    assertEquals(
        array(message("user", null, "What is in this picture?")),
        reader.requestSummary().inputMessages());
    assertEquals(parts("Answer in one line."), reader.requestSummary().systemInstructions());
    assertEquals(
        array(message("assistant", "length", "The sky is blue because it is the color of the sky.")),
        reader.summary().outputMessages());
  }

  @Test
  void nothingIsCapturedWhenOff() {
    assertNoContent(
        runAll(notCapturing, resource("ollama/chat-request.json"), 200, "application/x-ndjson",
            resource("ollama/chat-stream.ndjson")));
    assertNoContent(
        runAll(notCapturing, resource("ollama/generate-request.json"), 200, "application/json",
            resource("ollama/generate.json")));
  }
}
