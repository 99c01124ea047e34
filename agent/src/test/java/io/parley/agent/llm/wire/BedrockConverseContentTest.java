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

/** {@code parley.capture.content} for Bedrock Converse (JSON; the binary event stream is not read). */
class BedrockConverseContentTest {

  private static final String PATH = "/model/anthropic.claude-3-haiku-20240307-v1:0/converse";
  private static final byte[] REQUEST =
      utf8("{\"system\":[{\"text\":\"You are a DJ.\"}],\"messages\":["
          + "{\"role\":\"user\",\"content\":[{\"text\":\"Top song?\"},"
          + "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"AAAA\"}}}]}],"
          + "\"inferenceConfig\":{\"maxTokens\":512}}");

  private final List<String> logLines = new ArrayList<String>();

  private Supplier<WireReader> readers(boolean capture) {
    return () -> new BedrockConverseReader(PATH, WireRun.log(logLines), capture);
  }

  @Test
  void messagesSystemAndOutputText() {
    WireReader reader =
        runAllContent(readers(true), REQUEST, 200, "application/json",
            resource("bedrock/converse.json"));
    assertEquals(array(message("user", null, "Top song?")), reader.requestSummary().inputMessages());
    assertEquals(parts("You are a DJ."), reader.requestSummary().systemInstructions());
    assertEquals(
        array(message("assistant", "tool_use", "Let me look that up — 🔍")),
        reader.summary().outputMessages());
    assertEquals(Long.valueOf(628), reader.summary().outputTokens()); // unaffected
  }

  @Test
  void nothingIsCapturedWhenOff() {
    assertNoContent(
        runAll(readers(false), REQUEST, 200, "application/json",
            resource("bedrock/converse.json")));
  }
}
