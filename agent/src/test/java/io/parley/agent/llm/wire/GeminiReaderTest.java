package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.ChunkedExchange.json;
import static io.parley.agent.llm.wire.ChunkedExchange.summaryForEveryChunking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GeminiReaderTest {

  private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
  private static final String STREAM_SSE =
      "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
  private static final ChunkedExchange.ReaderFactory GENERATE_READER =
      log -> new GeminiReader(GENERATE, log);
  private static final ChunkedExchange.ReaderFactory STREAM_READER =
      log -> new GeminiReader(STREAM_SSE, log);

  /** A GenerateContentResponse as the Gemini API reference shows it, with a thinking model. */
  static final String RESPONSE = json("{\n"
      + "  'candidates': [\n"
      + "    {\n"
      + "      'content': {\n"
      + "        'parts': [\n"
      + "          {'text': 'Caf\u00e9 \\u00e9t\u00e9 \ud83c\udf1e \\'quoted\\' done'},\n"
      + "          {'functionCall': {'name': 'lookup', 'args': {'finishReason': 'NOPE',\n"
      + "            'usageMetadata': {'promptTokenCount': 999}, 'responseId': 'nope'}}}\n"
      + "        ],\n"
      + "        'role': 'model'\n"
      + "      },\n"
      + "      'finishReason': 'STOP',\n"
      + "      'avgLogprobs': -0.0123,\n"
      + "      'index': 0\n"
      + "    }\n"
      + "  ],\n"
      + "  'usageMetadata': {\n"
      + "    'promptTokenCount': 1053,\n"
      + "    'candidatesTokenCount': 9,\n"
      + "    'totalTokenCount': 1544,\n"
      + "    'cachedContentTokenCount': 1024,\n"
      + "    'promptTokensDetails': [{'modality': 'TEXT', 'tokenCount': 1053}],\n"
      + "    'cacheTokensDetails': [{'modality': 'TEXT', 'tokenCount': 1024}],\n"
      + "    'thoughtsTokenCount': 482\n"
      + "  },\n"
      + "  'modelVersion': 'gemini-2.5-flash',\n"
      + "  'responseId': 'mAitaLmkHPPlz7IPvtfUqQ4'\n"
      + "}\n");

  static final String RESPONSE_SUMMARY = "ResponseSummary{model=gemini-2.5-flash,"
      + " id=mAitaLmkHPPlz7IPvtfUqQ4, finish=[STOP], in=1053, out=491, cacheRead=1024,"
      + " cacheWrite=null, reasoning=482, error=null}";

  /** streamGenerateContent?alt=sse: cumulative usage on every chunk, finish on the last. */
  static final String SSE = json(""
      + "data: {'candidates': [{'content': {'parts': [{'text': 'The'}],'role': 'model'},"
      + "'index': 0}],'usageMetadata': {'promptTokenCount': 8,'totalTokenCount': 8},"
      + "'modelVersion': 'gemini-2.5-flash','responseId': 'Pe5ZaO2CJ9Cdz7IP4bmEgAo'}\r\n\r\n"
      + "data: {'candidates': [{'content': {'parts': [{'text': ' sky is'}],'role': 'model'},"
      + "'index': 0}],'usageMetadata': {'promptTokenCount': 8,'candidatesTokenCount': 3,"
      + "'totalTokenCount': 38,'thoughtsTokenCount': 27},"
      + "'modelVersion': 'gemini-2.5-flash','responseId': 'Pe5ZaO2CJ9Cdz7IP4bmEgAo'}\r\n\r\n"
      + "data: {'candidates': [{'content': {'parts': [{'text': ' blue.'}],'role': 'model'},"
      + "'finishReason': 'STOP','index': 0}],'usageMetadata': {'promptTokenCount': 8,"
      + "'candidatesTokenCount': 5,'totalTokenCount': 40,'thoughtsTokenCount': 27},"
      + "'modelVersion': 'gemini-2.5-flash','responseId': 'Pe5ZaO2CJ9Cdz7IP4bmEgAo'}\r\n\r\n");

  static final String SSE_SUMMARY = "ResponseSummary{model=gemini-2.5-flash,"
      + " id=Pe5ZaO2CJ9Cdz7IP4bmEgAo, finish=[STOP], in=8, out=32, cacheRead=null,"
      + " cacheWrite=null, reasoning=27, error=null}";

  @Test
  void generateContentResponse() {
    assertEquals(RESPONSE_SUMMARY,
        summaryForEveryChunking(GENERATE_READER, 200, "application/json; charset=UTF-8", RESPONSE));
  }

  @Test
  void inputIsThePromptCountWhichAlreadyIncludesTheCache() {
    ResponseSummary summary = new ChunkedExchange(GENERATE_READER)
        .response(200, "application/json", RESPONSE, Chunking.all().get(0)).reader.summary();
    assertEquals(1053L, summary.inputTokens().longValue());
    assertEquals(1024L, summary.cacheReadInputTokens().longValue());
    assertEquals(9L + 482L, summary.outputTokens().longValue(), "thoughts are billed as output");
  }

  @Test
  void sseStreamTakesTheLastUsage() {
    assertEquals(SSE_SUMMARY, summaryForEveryChunking(STREAM_READER, 200, "text/event-stream", SSE));
  }

  @Test
  void sseWithoutContentTypeIsRecognised() {
    assertEquals(SSE_SUMMARY, summaryForEveryChunking(STREAM_READER, 200, null, SSE));
  }

  @Test
  void jsonArrayStreamWithoutAltSse() {
    String[] events = SSE.split("\r\n\r\n");
    String array = "[" + events[0].substring(6) + "\r\n,\r\n" + events[1].substring(6)
        + "\r\n,\r\n" + events[2].substring(6) + "]";
    assertEquals(SSE_SUMMARY,
        summaryForEveryChunking(STREAM_READER, 200, "application/json; charset=UTF-8", array));
  }

  @Test
  void streamCutShortKeepsTheLastCompleteUsage() {
    String cut = SSE.substring(0, SSE.lastIndexOf("'totalTokenCount': 40".replace('\'', '"')));
    for (Chunking chunking : Chunking.all()) {
      ChunkedExchange exchange =
          new ChunkedExchange(STREAM_READER).response(200, "text/event-stream", cut, chunking);
      assertEquals("ResponseSummary{model=gemini-2.5-flash, id=Pe5ZaO2CJ9Cdz7IP4bmEgAo,"
              + " finish=[], in=8, out=30, cacheRead=null, cacheWrite=null, reasoning=27,"
              + " error=null}",
          exchange.reader.summary().toString(), chunking.toString());
      assertTrue(exchange.reader.firstChunkSeen());
    }
  }

  @Test
  void firstChunkIsTheFirstEvent() {
    ChunkedExchange exchange = new ChunkedExchange(STREAM_READER);
    exchange.reader.responseHead(200, "text/event-stream");
    byte[] body = SSE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int firstEventEnd = SSE.indexOf("\r\n\r\n");
    exchange.reader.responseBytes(body, 0, firstEventEnd);
    assertFalse(exchange.reader.firstChunkSeen());
    exchange.reader.responseBytes(body, firstEventEnd, 4);
    assertTrue(exchange.reader.firstChunkSeen());
  }

  @Test
  void errorBodyStatusIsTheErrorType() {
    String error = json("{\n  'error': {\n    'code': 429,\n"
        + "    'message': 'Resource has been exhausted (e.g. check quota).',\n"
        + "    'status': 'RESOURCE_EXHAUSTED'\n  }\n}\n");
    assertEquals("ResponseSummary{model=null, id=null, finish=[], in=null, out=null,"
            + " cacheRead=null, cacheWrite=null, reasoning=null, error=RESOURCE_EXHAUSTED}",
        summaryForEveryChunking(GENERATE_READER, 429, "application/json", error));
  }

  @Test
  void errorEventInsideAStream() {
    String body = SSE.substring(0, SSE.indexOf("\r\n\r\n") + 4)
        + json("data: {'error': {'code': 503, 'message': 'The model is overloaded.',"
            + " 'status': 'UNAVAILABLE'}}\r\n\r\n");
    assertTrue(summaryForEveryChunking(STREAM_READER, 200, "text/event-stream", body)
        .endsWith("in=8, out=0, cacheRead=null, cacheWrite=null, reasoning=null,"
            + " error=UNAVAILABLE}"));
  }

  @Test
  void severalCandidatesKeepTheirOwnFinishReason() {
    String body = json("{'candidates': [{'content': {'parts': [{'text': 'a'}]},"
        + " 'finishReason': 'STOP'}, {'content': {'parts': [{'text': 'b'}]},"
        + " 'finishReason': 'MAX_TOKENS', 'index': 1}],"
        + " 'usageMetadata': {'promptTokenCount': 4, 'candidatesTokenCount': 2}}");
    assertTrue(summaryForEveryChunking(GENERATE_READER, 200, "application/json", body)
        .contains("finish=[STOP, MAX_TOKENS], in=4, out=2, cacheRead=null"));
  }

  @Test
  void hugeInlineImageDoesNotHideTheUsage() {
    String image = OllamaReaderTest.repeat('Q', 3 * 1024 * 1024);
    String body = RESPONSE.replace("{'text': 'Caf".replace('\'', '"'),
        json("{'inlineData': {'mimeType': 'image/png', 'data': '" + image + "'}}, {'text': 'Caf"));
    ChunkedExchange exchange = new ChunkedExchange(GENERATE_READER)
        .response(200, "application/json", body, Chunking.all().get(0));
    assertEquals(RESPONSE_SUMMARY, exchange.reader.summary().toString());
  }

  @Test
  void requestSummaryComesFromTheUrl() {
    RequestSummary request = new GeminiReader(GENERATE).requestSummary();
    assertEquals("gemini-2.5-flash", request.model());
    assertFalse(request.stream());
    assertTrue(new GeminiReader(STREAM_SSE).requestSummary().stream());
    assertTrue(new GeminiReader("/v1beta/models/gemini-2.5-pro:streamGenerateContent")
        .requestSummary().stream());
  }

  @Test
  void malformedInputNeverThrows() {
    Random random = new Random(7);
    String[] bodies = {RESPONSE.substring(0, RESPONSE.length() / 2), "{\"candidates\": [}",
        "data: not json\n\ndata: {\"usageMetadata\": {\"promptTokenCount\": \"x\"}}\n\n",
        "[{\"usageMetadata\": 5}, 7, \"x\", null]", "\u0000\u00ff{{{{"};
    for (String body : bodies) {
      for (Chunking chunking : Chunking.all()) {
        new ChunkedExchange(STREAM_READER).response(200, null, body, chunking).reader.summary();
      }
    }
    for (int round = 0; round < 30; round++) {
      byte[] noise = new byte[random.nextInt(3000)];
      random.nextBytes(noise);
      for (Chunking chunking : Chunking.all()) {
        String type = round % 3 == 0 ? "text/event-stream" : round % 3 == 1 ? "application/json"
            : null;
        new ChunkedExchange(STREAM_READER).response(200, type, noise, chunking).reader.summary();
      }
    }
  }

  @Test
  void malformedBodyLogsOneLineWithoutContent() {
    ChunkedExchange exchange = new ChunkedExchange(GENERATE_READER)
        .response(200, "application/json", "{\"candidates\": [secret-prompt]}",
            Chunking.all().get(0));
    assertNull(exchange.reader.summary().inputTokens());
    assertEquals(1, exchange.logLines.size());
    assertFalse(exchange.logLines.get(0).contains("secret"), exchange.logLines.get(0));
  }
}
