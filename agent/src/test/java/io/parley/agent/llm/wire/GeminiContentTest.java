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

/** {@code parley.capture.content} for Gemini generateContent and streamGenerateContent. */
class GeminiContentTest {

  private static final String PATH = "/v1beta/models/gemini-2.5-flash:generateContent";
  private static final String STREAM_PATH =
      "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
  private static final byte[] REQUEST =
      utf8("{\"systemInstruction\":{\"parts\":[{\"text\":\"You are a cat.\"}]},"
          + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello\"},"
          + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]},"
          + "{\"role\":\"model\",\"parts\":[{\"text\":\"Meow\"}]},"
          + "{\"role\":\"user\",\"parts\":[{\"text\":\"Why?\"}]}],"
          + "\"generationConfig\":{\"temperature\":0.1}}");

  private final List<String> logLines = new ArrayList<String>();

  private Supplier<WireReader> readers(String path, boolean capture) {
    return () -> new GeminiReader(path, WireRun.log(logLines), capture);
  }

  @Test
  void contentsAndSystemInstruction() {
    WireReader reader = runAllContent(readers(PATH, true), REQUEST, 0, null, null);
    assertEquals(
        array(
            message("user", null, "Hello"),
            message("assistant", null, "Meow"), // Gemini's "model"
            message("user", null, "Why?")),
        reader.requestSummary().inputMessages());
    assertEquals(parts("You are a cat."), reader.requestSummary().systemInstructions());
    assertEquals("gemini-2.5-flash", reader.requestSummary().model());
  }

  @Test
  void snakeCaseSystemInstruction() {
    byte[] request =
        utf8("{\"system_instruction\":{\"parts\":[{\"text\":\"Be terse.\"}]},"
            + "\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}");
    WireReader reader = runAllContent(readers(PATH, true), request, 0, null, null);
    assertEquals(parts("Be terse."), reader.requestSummary().systemInstructions());
    assertEquals(array(message("user", null, "Hi")), reader.requestSummary().inputMessages());
  }

  @Test
  void candidateTextOfAJsonBody() {
    WireReader reader =
        runAllContent(readers(PATH, true), null, 200, "application/json",
            resource("gemini/generate-content.json"));
    assertEquals(
        array(message("assistant", "STOP", "Café été 🌞 \"quoted\" done")),
        reader.summary().outputMessages());
  }

  @Test
  void streamedChunksAccumulate() {
    WireReader reader =
        runAllContent(readers(STREAM_PATH, true), null, 200, "text/event-stream",
            resource("gemini/stream.sse"));
    assertEquals(
        array(message("assistant", reader.summary().finishReasons().get(0), "The sky is blue.")),
        reader.summary().outputMessages());
  }

  @Test
  void nothingIsCapturedWhenOff() {
    assertNoContent(
        runAll(readers(PATH, false), REQUEST, 200, "application/json",
            resource("gemini/generate-content.json")));
    assertNoContent(
        runAll(readers(STREAM_PATH, false), REQUEST, 200, "text/event-stream",
            resource("gemini/stream.sse")));
  }
}
