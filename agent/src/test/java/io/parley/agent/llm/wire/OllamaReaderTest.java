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
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OllamaReaderTest {

  private static final String NDJSON = "application/x-ndjson";
  private static final String JSON = "application/json; charset=utf-8";
  private static final String CHAT_SUMMARY = "ResponseSummary{model=llama3.2, id=null,"
      + " finish=[stop], in=26, out=282, cacheRead=null, cacheWrite=null, reasoning=null,"
      + " error=null}";

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> readers = () -> new OllamaReader(WireRun.log(logLines));

  private static String chatStream() {
    return WireRun.text("ollama/chat-stream.ndjson");
  }

  @Test
  void streamedChatReadsTheDoneLine() {
    WireReader reader = runAll(readers, null, 200, NDJSON, resource("ollama/chat-stream.ndjson"));
    assertEquals(CHAT_SUMMARY, reader.summary().toString());
    assertTrue(reader.firstChunkSeen());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void crLfLineEndsAndNoFinalNewline() {
    String crlf = chatStream().replace("\n", "\r\n");
    byte[] body = utf8(crlf.substring(0, crlf.length() - 2));
    assertEquals(CHAT_SUMMARY, runAll(readers, null, 200, NDJSON, body).summary().toString());
  }

  @Test
  void nonStreamedGenerateIsOneObject() {
    ResponseSummary s =
        runAll(readers, null, 200, JSON, resource("ollama/generate.json")).summary();
    assertEquals("ResponseSummary{model=llama3.2, id=null, finish=[length], in=26, out=290,"
        + " cacheRead=null, cacheWrite=null, reasoning=null, error=null}", s.toString());
  }

  @Test
  void prettyPrintedJsonBodyIsReadWhole() {
    String pretty = WireRun.text("ollama/generate.json").replace(",", ",\n  ").replace("{", "{\n");
    ResponseSummary s = runAll(readers, null, 200, JSON, utf8(pretty)).summary();
    assertEquals(Long.valueOf(26), s.inputTokens());
    assertEquals(Long.valueOf(290), s.outputTokens());
  }

  @Test
  void withoutContentTypeAOneLineObjectIsStillRead() {
    ResponseSummary s =
        runAll(readers, null, 200, null, resource("ollama/generate.json")).summary();
    assertEquals(Long.valueOf(290), s.outputTokens());
  }

  @Test
  void garbageLinesAreSkippedAndLoggedOnceWithoutContent() {
    String[] lines = chatStream().split("\n");
    String body = lines[0] + "\ngarbage that is not json\n{\"model\": broken}\n\n   \n"
        + "\u0000\u0001\u00ff\n" + lines[1] + "\n{\"unterminated\": \"str\n" + lines[2] + "\n";
    assertEquals(CHAT_SUMMARY, runAll(readers, null, 200, NDJSON, utf8(body)).summary().toString());
    assertEquals(Chunking.all().size(), logLines.size(), "one line per exchange: " + logLines);
    assertTrue(logLines.get(0).contains("ollama response line"), logLines.get(0));
    assertFalse(logLines.get(0).contains("garbage"), logLines.get(0));
  }

  @Test
  void streamCutShortKeepsWhatWasSeen() {
    byte[] cut = WireRun.upToAfter(resource("ollama/chat-stream.ndjson"), "\"done\":false}", 2);
    WireReader reader = runAll(readers, null, 200, NDJSON, cut);
    ResponseSummary s = reader.summary();
    assertEquals("llama3.2", s.responseModel());
    assertNull(s.inputTokens());
    assertNull(s.outputTokens());
    assertEquals(Collections.emptyList(), s.finishReasons());
    assertTrue(reader.firstChunkSeen());
  }

  @Test
  void streamCutInsideTheDoneLine() {
    byte[] cut = WireRun.upToAfter(resource("ollama/chat-stream.ndjson"), "\"eval_count\":28", 1);
    ResponseSummary s = runAll(readers, null, 200, NDJSON, cut).summary();
    assertEquals(Long.valueOf(26), s.inputTokens());
    assertNull(s.outputTokens(), "a number cut short is not read");
  }

  @Test
  void firstChunkIsTheFirstLine() {
    OllamaReader reader = new OllamaReader(WireRun.log(logLines));
    reader.responseHead(200, NDJSON);
    reader.responseBytes(utf8(" \n"), 0, 2);
    assertFalse(reader.firstChunkSeen());
    reader.responseBytes(utf8("{"), 0, 1);
    assertTrue(reader.firstChunkSeen());
  }

  @Test
  void errorLineInASuccessfulStreamIsAnError() {
    String body = chatStream().split("\n")[0]
        + "\n{\"error\":\"an error was encountered while running the model: unexpected EOF\"}\n";
    assertEquals(OllamaReader.BODY_ERROR,
        runAll(readers, null, 200, NDJSON, utf8(body)).summary().errorType());
  }

  @Test
  void errorBodyWithAnErrorStatusLeavesTheTypeToTheStatus() {
    ResponseSummary s = runAll(readers, null, 404, JSON,
        utf8("{\"error\":\"model 'llama9' not found, try pulling it first\"}")).summary();
    assertNull(s.errorType());
    assertNull(s.inputTokens());
  }

  @Test
  void chatRequestStreamsByDefault() {
    WireReader reader = runAll(readers, resource("ollama/chat-request.json"), 0, null, null);
    assertEquals("llama3.2", reader.requestSummary().model());
    assertTrue(reader.requestSummary().stream());
  }

  @Test
  void generateRequestWithStreamFalseAfterALargeImage() {
    StringBuilder image = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      image.append((char) ('A' + i % 26));
    }
    byte[] body = utf8(WireRun.text("ollama/generate-request.json")
        .replace("IMAGE_PLACEHOLDER", image));
    WireReader reader = runAll(readers, body, 0, null, null);
    assertEquals("llama3.2:3b-instruct-q4_K_M", reader.requestSummary().model());
    assertFalse(reader.requestSummary().stream());
  }

  @Test
  void explicitStreamTrueAndNull() {
    assertTrue(runAll(readers, utf8("{\"model\":\"m\",\"stream\":true}"), 0, null, null)
        .requestSummary().stream());
    assertTrue(runAll(readers, utf8("{\"model\":\"m\",\"stream\":null}"), 0, null, null)
        .requestSummary().stream());
  }

  @Test
  void noRequestBodyOrGarbageGivesNoRequestSummary() {
    assertNull(new OllamaReader(WireRun.log(logLines)).requestSummary());
    assertNull(runAll(readers, utf8("not json at all"), 0, null, null).requestSummary());
  }

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(42);
    for (int round = 0; round < 40; round++) {
      byte[] noise = new byte[random.nextInt(2000)];
      random.nextBytes(noise);
      for (Chunking chunking : Chunking.all()) {
        WireReader reader = WireRun.run(new OllamaReader(WireRun.log(logLines)), noise, 200,
            round % 2 == 0 ? NDJSON : JSON, noise, chunking);
        reader.requestSummary();
        reader.summary();
      }
    }
  }

  @Test
  void badChunkArgumentsAreIgnored() {
    byte[] body = resource("ollama/chat-stream.ndjson");
    WireReader[] all = {new OllamaReader(), new GeminiReader("/v1beta/models/m:generateContent"),
        new BedrockConverseReader("/model/m/converse")};
    for (WireReader reader : all) {
      reader.requestBytes(null, 0, 5);
      reader.requestBytes(body, -1, 5);
      reader.responseBytes(body, body.length - 2, 5);
      reader.responseBytes(body, 0, -1);
      reader.responseBytes(null, 0, 1);
      assertFalse(reader.firstChunkSeen());
    }
  }
}
