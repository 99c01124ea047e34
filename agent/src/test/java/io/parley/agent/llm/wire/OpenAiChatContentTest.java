package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.ContentJson.array;
import static io.parley.agent.llm.wire.ContentJson.message;
import static io.parley.agent.llm.wire.WireRun.assertNoContent;
import static io.parley.agent.llm.wire.WireRun.resource;
import static io.parley.agent.llm.wire.WireRun.runAll;
import static io.parley.agent.llm.wire.WireRun.runAllContent;
import static io.parley.agent.llm.wire.WireRun.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code parley.capture.content} for OpenAI Chat Completions: JSON bodies and SSE deltas. */
class OpenAiChatContentTest {

  private static final String JSON = "application/json";
  private static final String SSE = "text/event-stream";

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> capturing = () -> new OpenAiChatReader(WireRun.log(logLines), true);
  private final Supplier<WireReader> notCapturing = () -> new OpenAiChatReader(WireRun.log(logLines), false);

  private static final String COMPLETION =
      "The image shows a wooden boardwalk path running through a lush green field or meadow."
          + " \"id\": \"not-this\", model: the sky is bright blue — café ☕.";

  @Test
  void promptMessagesWithTextPartsAndWithoutTheImage() {
    WireReader reader =
        runAllContent(capturing, OpenAiChatReaderTest.requestWithImage(300 * 1024), 0, null, null);
    assertEquals(
        array(
            message("system", null, "You are a helpful assistant. Réponds en français 🎉."),
            message("user", null, "What is in this image?")),
        reader.requestSummary().inputMessages());
    assertNull(reader.requestSummary().systemInstructions()); // OpenAI's system is a message
    assertEquals("gpt-4o-mini", reader.requestSummary().model()); // still read
  }

  @Test
  void completionOfAJsonBody() {
    WireReader reader =
        runAllContent(capturing, null, 200, JSON, resource("openai/chat-completion.json"));
    assertEquals(
        array(message("assistant", "stop", COMPLETION)), reader.summary().outputMessages());
    assertEquals(Long.valueOf(46), reader.summary().outputTokens()); // usage unaffected
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void streamedDeltasAccumulateIntoOneMessage() {
    WireReader reader =
        runAllContent(
            capturing, null, 200, SSE, resource("openai/chat-stream-include-usage.sse"));
    assertEquals(
        array(message("assistant", "stop", "Bonjour — ça va ? 🎉")),
        reader.summary().outputMessages());
    assertEquals(Long.valueOf(1200), reader.summary().inputTokens());
  }

  @Test
  void aStreamCutShortKeepsWhatWasSeen() {
    byte[] cut =
        WireRun.upToAfter(resource("openai/chat-stream-include-usage.sse"), "\n\n", 2);
    WireReader reader = runAllContent(capturing, null, 200, SSE, cut);
    assertEquals(array(message("assistant", null, "Bon")), reader.summary().outputMessages());
  }

  @Test
  void choicesOfAnN2CompletionAreMessagesOfTheirOwn() {
    WireReader reader =
        runAllContent(capturing, null, 200, JSON, resource("openai/chat-completion-n2.json"));
    String output = reader.summary().outputMessages();
    assertTrue(output.startsWith("[{\"role\":\"assistant\""), output);
    assertEquals(2, output.split("\"finish_reason\"", -1).length - 1, output);
  }

  @Test
  void nothingIsCapturedWhenOff() {
    assertNoContent(
        runAll(notCapturing, OpenAiChatReaderTest.requestWithImage(10), 200, JSON,
            resource("openai/chat-completion.json")));
    assertNoContent(
        runAll(notCapturing, OpenAiChatReaderTest.requestWithImage(10), 200, SSE,
            resource("openai/chat-stream-include-usage.sse")));
  }

  @Test
  void aLongPromptIsCutAndMarked() {
    StringBuilder prompt = new StringBuilder();
    while (prompt.length() < 100_000) {
      prompt.append("lorem ipsum ");
    }
    byte[] request =
        utf8("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
            + "\"},{\"role\":\"user\",\"content\":\"dropped\"}]}");
    WireReader reader = runAllContent(capturing, request, 0, null, null);
    String input = reader.requestSummary().inputMessages();
    assertTrue(
        input.endsWith(CapturedMessages.TRUNCATED + "\"}]},{\"role\":\"user\",\"parts\":[]}]"),
        input.substring(input.length() - 80));
    assertTrue(input.length() < CapturedMessages.MAX_CHARS + 200, "length " + input.length());
    assertTrue(!input.contains("dropped"));
    assertEquals("gpt-4o", reader.requestSummary().model());
  }

  @Test
  void aMalformedBodyGivesWhatWasReadAndNeverThrows() {
    byte[] request = utf8("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{]");
    WireReader reader = runAllContent(capturing, request, 200, JSON, utf8("{\"choices\":[{\"message\":{\"content\":\"ok"));
    assertEquals(array(message("user", null, "hi")), reader.requestSummary().inputMessages());
    assertNull(reader.summary().outputMessages()); // the string never ended: nothing was read
  }
}
