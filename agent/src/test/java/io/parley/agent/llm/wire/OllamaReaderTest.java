package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.ChunkedExchange.json;
import static io.parley.agent.llm.wire.ChunkedExchange.lines;
import static io.parley.agent.llm.wire.ChunkedExchange.summaryForEveryChunking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OllamaReaderTest {

  private static final ChunkedExchange.ReaderFactory OLLAMA = OllamaReader::new;
  private static final String NDJSON = "application/x-ndjson";
  private static final String JSON = "application/json; charset=utf-8";

  /** /api/chat streamed, as in Ollama's API reference. */
  static final String CHAT_STREAM = lines(
      json("{'model':'llama3.2','created_at':'2023-08-04T08:52:19.385406455-07:00',"
          + "'message':{'role':'assistant','content':'The','images':null},'done':false}"),
      json("{'model':'llama3.2','created_at':'2023-08-04T08:52:19.485406455-07:00',"
          + "'message':{'role':'assistant','content':' sky \\u00e9 blue \u2014 \ud83c\udf0d'},"
          + "'done':false}"),
      json("{'model':'llama3.2','created_at':'2023-08-04T19:22:45.499127Z',"
          + "'message':{'role':'assistant','content':''},'done':true,'done_reason':'stop',"
          + "'total_duration':4883583458,'load_duration':1334875,'prompt_eval_count':26,"
          + "'prompt_eval_duration':342546000,'eval_count':282,'eval_duration':4535599000}"));

  static final String CHAT_SUMMARY = "ResponseSummary{model=llama3.2, id=null, finish=[stop],"
      + " in=26, out=282, cacheRead=null, cacheWrite=null, reasoning=null, error=null}";

  /** /api/generate with "stream": false: one object, with the context array. */
  static final String GENERATE_WHOLE = json(
      "{'model':'llama3.2','created_at':'2023-08-04T19:22:45.499127Z',"
          + "'response':'The sky is blue because it is the color of the sky.','done':true,"
          + "'done_reason':'length','context':[1,2,3,128006,882,128007],"
          + "'total_duration':5043500667,'load_duration':5025959,'prompt_eval_count':26,"
          + "'prompt_eval_duration':325953000,'eval_count':290,'eval_duration':4709213000}");

  @Test
  void streamedChatReadsTheDoneLine() {
    assertEquals(CHAT_SUMMARY, summaryForEveryChunking(OLLAMA, 200, NDJSON, CHAT_STREAM));
  }

  @Test
  void streamWithCrLfLineEndsAndNoFinalNewline() {
    String crlf = CHAT_STREAM.replace("\n", "\r\n");
    String body = crlf.substring(0, crlf.length() - 2);
    assertEquals(CHAT_SUMMARY, summaryForEveryChunking(OLLAMA, 200, NDJSON, body));
  }

  @Test
  void nonStreamedGenerateIsOneObject() {
    assertEquals("ResponseSummary{model=llama3.2, id=null, finish=[length], in=26, out=290,"
            + " cacheRead=null, cacheWrite=null, reasoning=null, error=null}",
        summaryForEveryChunking(OLLAMA, 200, JSON, GENERATE_WHOLE));
  }

  @Test
  void prettyPrintedJsonBodyIsReadWhole() {
    String pretty = GENERATE_WHOLE.replace(",", ",\n  ").replace("{", "{\n  ");
    assertTrue(summaryForEveryChunking(OLLAMA, 200, JSON, pretty).contains("in=26, out=290"));
  }

  @Test
  void withoutContentTypeOneLineObjectIsStillRead() {
    assertTrue(summaryForEveryChunking(OLLAMA, 200, null, GENERATE_WHOLE)
        .contains("in=26, out=290"));
  }

  @Test
  void garbageLinesAreSkippedAndLoggedOnce() {
    String[] lines = CHAT_STREAM.split("\n");
    String body = lines(lines[0], "garbage that is not json", json("{'model': broken}"),
        "", "   ", "\u0000\u0001\u00ff", lines[1], json("{'unterminated': 'str"), lines[2]);
    assertEquals(CHAT_SUMMARY, summaryForEveryChunking(OLLAMA, 200, NDJSON, body));
    ChunkedExchange exchange =
        new ChunkedExchange(OLLAMA).response(200, NDJSON, body, Chunking.all().get(0));
    assertEquals(1, exchange.logLines.size(), exchange.logLines.toString());
    assertTrue(exchange.logLines.get(0).contains("Ollama response line"));
    assertFalse(exchange.logLines.get(0).contains("garbage"), "never log the content");
  }

  @Test
  void streamCutShortKeepsWhatWasSeen() {
    String cut = CHAT_STREAM.substring(0, CHAT_STREAM.indexOf("'done':true".replace('\'', '"')));
    for (Chunking chunking : Chunking.all()) {
      ChunkedExchange exchange = new ChunkedExchange(OLLAMA).response(200, NDJSON, cut, chunking);
      ResponseSummary summary = exchange.reader.summary();
      assertEquals("llama3.2", summary.responseModel(), chunking.toString());
      assertNull(summary.inputTokens());
      assertNull(summary.outputTokens());
      assertEquals(Collections.emptyList(), summary.finishReasons());
      assertTrue(exchange.reader.firstChunkSeen());
    }
  }

  @Test
  void firstChunkIsTheFirstLine() {
    ChunkedExchange exchange = new ChunkedExchange(OLLAMA);
    exchange.reader.responseHead(200, NDJSON);
    assertFalse(exchange.reader.firstChunkSeen());
    exchange.reader.responseBytes(new byte[] {' ', '\n'}, 0, 2);
    assertFalse(exchange.reader.firstChunkSeen());
    exchange.reader.responseBytes(new byte[] {'{'}, 0, 1);
    assertTrue(exchange.reader.firstChunkSeen());
  }

  @Test
  void errorLineInASuccessfulStreamIsAnError() {
    String body = lines(CHAT_STREAM.split("\n")[0],
        json("{'error':'an error was encountered while running the model: unexpected EOF'}"));
    assertEquals(OllamaReader.BODY_ERROR,
        new ChunkedExchange(OLLAMA).response(200, NDJSON, body, Chunking.all().get(1))
            .reader.summary().errorType());
  }

  @Test
  void errorBodyWithErrorStatusLeavesTheTypeToTheStatus() {
    String body = json("{'error':'model \\'llama9\\' not found'}");
    ResponseSummary summary = new ChunkedExchange(OLLAMA)
        .response(404, JSON, body, Chunking.all().get(0)).reader.summary();
    assertNull(summary.errorType());
    assertNull(summary.inputTokens());
  }

  @Test
  void chatRequestStreamsByDefault() {
    String body = json("{'model':'llama3.2','messages':[{'role':'user',"
        + "'content':'why is the sky blue? {\\'stream\\': false}'}]}");
    for (Chunking chunking : Chunking.all()) {
      RequestSummary request =
          new ChunkedExchange(OLLAMA).request(body, chunking).reader.requestSummary();
      assertEquals("llama3.2", request.model(), chunking.toString());
      assertTrue(request.stream(), chunking.toString());
    }
  }

  @Test
  void generateRequestWithStreamFalse() {
    String body = json("{'model':'llama3.2:3b-instruct-q4_K_M','prompt':'Why is the sky blue?',"
        + "'options':{'stream':true,'model':'x'},'stream':false,'images':['"
        + repeat('A', 100_000) + "']}");
    for (Chunking chunking : Arrays.asList(Chunking.all().get(0), Chunking.all().get(3))) {
      RequestSummary request =
          new ChunkedExchange(OLLAMA).request(body, chunking).reader.requestSummary();
      assertEquals("llama3.2:3b-instruct-q4_K_M", request.model());
      assertFalse(request.stream());
    }
  }

  @Test
  void noRequestBodyOrGarbageGivesNoRequestSummary() {
    assertNull(new ChunkedExchange(OLLAMA).reader.requestSummary());
    assertNull(new ChunkedExchange(OLLAMA)
        .request("not json at all", Chunking.all().get(0)).reader.requestSummary());
  }

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      byte[] noise = new byte[random.nextInt(2000)];
      random.nextBytes(noise);
      for (Chunking chunking : Chunking.all()) {
        ChunkedExchange exchange = new ChunkedExchange(OLLAMA);
        chunking.feed(noise, exchange.reader::requestBytes);
        exchange.response(200, round % 2 == 0 ? NDJSON : JSON, noise, chunking);
        exchange.reader.requestSummary();
        exchange.reader.summary();
      }
    }
  }

  @Test
  void badChunkArgumentsAreIgnored() {
    byte[] body = CHAT_STREAM.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    WireReader[] readers = {new OllamaReader(), new GeminiReader("/v1beta/models/m:generateContent"),
        new BedrockConverseReader("/model/m/converse")};
    for (WireReader reader : readers) {
      reader.requestBytes(null, 0, 5);
      reader.requestBytes(body, -1, 5);
      reader.responseBytes(body, body.length - 2, 5);
      reader.responseBytes(body, 0, -1);
      reader.responseBytes(null, 0, 1);
      assertFalse(reader.firstChunkSeen());
    }
    OllamaReader ollama = new OllamaReader();
    ollama.responseBytes(body, 0, body.length);
    assertEquals(CHAT_SUMMARY, ollama.summary().toString());
  }

  static String repeat(char ch, int count) {
    char[] chars = new char[count];
    Arrays.fill(chars, ch);
    return new String(chars);
  }
}
