package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.ChunkedExchange.json;
import static io.parley.agent.llm.wire.ChunkedExchange.summaryForEveryChunking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BedrockConverseReaderTest {

  private static final String PATH =
      "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse";
  private static final ChunkedExchange.ReaderFactory CONVERSE =
      log -> new BedrockConverseReader(PATH, log);

  /** A Converse response as in the Bedrock API reference, with a tool use and prompt caching. */
  static final String RESPONSE = json("{\n"
      + "  'output': {\n"
      + "    'message': {\n"
      + "      'role': 'assistant',\n"
      + "      'content': [\n"
      + "        {'text': 'Let me look that up \u2014 \ud83d\udd0d'},\n"
      + "        {'toolUse': {'toolUseId': 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', 'name': 'top_song',\n"
      + "          'input': {'sign': 'WZPZ', 'usage': {'inputTokens': 999}, 'stopReason': 'no'}}}\n"
      + "      ]\n"
      + "    }\n"
      + "  },\n"
      + "  'stopReason': 'tool_use',\n"
      + "  'usage': {\n"
      + "    'inputTokens': 30,\n"
      + "    'outputTokens': 628,\n"
      + "    'totalTokens': 2158,\n"
      + "    'cacheReadInputTokens': 1200,\n"
      + "    'cacheWriteInputTokens': 300\n"
      + "  },\n"
      + "  'metrics': {\n"
      + "    'latencyMs': 1275\n"
      + "  }\n"
      + "}");

  @Test
  void converseResponseAddsCacheTokensToInput() {
    assertEquals("ResponseSummary{model=null, id=null, finish=[tool_use], in=1530, out=628,"
            + " cacheRead=1200, cacheWrite=300, reasoning=null, error=null}",
        summaryForEveryChunking(CONVERSE, 200, "application/json", RESPONSE));
  }

  @Test
  void responseWithoutCacheFields() {
    String body = json("{'output':{'message':{'role':'assistant','content':[{'text':'Hi'}]}},"
        + "'stopReason':'end_turn','usage':{'inputTokens':12,'outputTokens':3,'totalTokens':15},"
        + "'metrics':{'latencyMs':310}}");
    assertEquals("ResponseSummary{model=null, id=null, finish=[end_turn], in=12, out=3,"
            + " cacheRead=null, cacheWrite=null, reasoning=null, error=null}",
        summaryForEveryChunking(CONVERSE, 200, "application/json", body));
  }

  @Test
  void latencyIsKept() {
    BedrockConverseReader reader = (BedrockConverseReader) new ChunkedExchange(CONVERSE)
        .response(200, "application/json", RESPONSE, Chunking.all().get(1)).reader;
    assertEquals(1275L, reader.latencyMillis().longValue());
    assertTrue(reader.firstChunkSeen());
  }

  @Test
  void modelComesDecodedFromTheUrl() {
    RequestSummary request = new BedrockConverseReader(PATH).requestSummary();
    assertEquals("anthropic.claude-3-5-sonnet-20240620-v1:0", request.model());
    assertFalse(request.stream());
  }

  @Test
  void errorBodyWithTypeField() {
    String body = json("{'__type':'com.amazon.coral.validate#ValidationException',"
        + "'message':'The provided model identifier is invalid.'}");
    assertTrue(summaryForEveryChunking(CONVERSE, 400, "application/json", body)
        .endsWith("error=ValidationException}"));
  }

  @Test
  void errorBodyWithMessageOnlyLeavesTheTypeToTheStatus() {
    String body = json("{'message':'Too many requests, please wait before trying again.'}");
    assertEquals("ResponseSummary{model=null, id=null, finish=[], in=null, out=null,"
            + " cacheRead=null, cacheWrite=null, reasoning=null, error=null}",
        summaryForEveryChunking(CONVERSE, 429, "application/json", body));
  }

  @Test
  void awsErrorNames() {
    assertEquals("ThrottlingException", BedrockConverseReader.awsErrorName(
        "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
    assertEquals("ValidationException",
        BedrockConverseReader.awsErrorName("com.amazon.coral.validate#ValidationException"));
    assertNull(BedrockConverseReader.awsErrorName(""));
  }

  @Test
  void cutShortBodyKeepsWhatWasSeen() {
    String cut = RESPONSE.substring(0, RESPONSE.indexOf("'cacheReadInputTokens'".replace('\'', '"')));
    for (Chunking chunking : Chunking.all()) {
      ResponseSummary summary = new ChunkedExchange(CONVERSE)
          .response(200, "application/json", cut, chunking).reader.summary();
      assertEquals("ResponseSummary{model=null, id=null, finish=[tool_use], in=30, out=628,"
          + " cacheRead=null, cacheWrite=null, reasoning=null, error=null}", summary.toString());
    }
  }

  @Test
  void converseStreamEventStreamIsNotParsed() {
    ChunkedExchange exchange = new ChunkedExchange(
        log -> new BedrockConverseReader("/model/amazon.nova-pro-v1%3A0/converse-stream", log));
    byte[] binary = {0, 0, 0, 120, 0, 0, 0, 87, 1, 2, 3, '{', '"', 'p'};
    exchange.response(200, "application/vnd.amazon.eventstream", binary, Chunking.all().get(0));
    assertTrue(exchange.reader.requestSummary().stream());
    assertTrue(exchange.reader.firstChunkSeen());
    assertTrue(exchange.logLines.isEmpty(), exchange.logLines.toString());
  }

  @Test
  void malformedInputNeverThrows() {
    Random random = new Random(3);
    for (int round = 0; round < 30; round++) {
      byte[] noise = new byte[random.nextInt(2000)];
      random.nextBytes(noise);
      for (Chunking chunking : Chunking.all()) {
        ChunkedExchange exchange = new ChunkedExchange(CONVERSE);
        chunking.feed(noise, exchange.reader::requestBytes);
        exchange.response(200, null, noise, chunking).reader.summary();
      }
    }
    new ChunkedExchange(log -> new BedrockConverseReader(null, log)).reader.requestSummary();
  }
}
