package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.parley.agent.llm.LlmApi;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.testing.AgentPipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of everything that reads LLM bodies (SPEC §7): thousands of random, mutated and
 * hostile request and response bodies, fed in random chunks, with random statuses, content types
 * and encodings, through each wire reader alone and through the whole call path (the LLM call
 * tracker with its gzip decoder, span attributes and cost). Nothing may throw, nothing may be
 * caught as an internal error (the tracker would swallow it, but it would be a bug), every
 * recorded count is a plausible one, and a reader's memory stays bounded whatever it is fed.
 */
class WireFuzzTest {

  private static final long SEED = 424_242L;
  private static final int READER_CASES_PER_API = 1_500;
  private static final int PIPELINE_CASES = 3_000;

  private static final String[][] FIXTURES = {
    {"openai/chat-completion.json", "openai/chat-stream-include-usage.sse", "openai/chat-stream-error.sse",
        "openai/chat-stream-tool-calls.sse", "openai/error-401.json", "openai/chat-completion-n2.json"},
    {"openai/responses-completed.json", "openai/responses-stream.sse", "openai/responses-stream-failed.sse",
        "openai/responses-incomplete.json", "openai/responses-stream-error.sse"},
    {"openai/embeddings.json"},
    {"anthropic/message.json", "anthropic/stream.sse", "anthropic/stream-tool-use.sse",
        "anthropic/stream-overloaded.sse", "anthropic/error-400.json"},
    {"gemini/generate-content.json", "gemini/stream.sse", "gemini/error-429.json"},
    {"gemini/generate-content.json", "gemini/stream.sse"},
    {"ollama/chat-stream.ndjson"},
    {"ollama/generate.json"},
    {"bedrock/converse.json", "bedrock/error-400.json"},
  };

  private static final String[] REQUESTS = {
    "openai/chat-request.json", "openai/responses-request.json", "openai/embeddings-request.json",
    "anthropic/request.json", "ollama/chat-request.json", "ollama/generate-request.json"
  };

  private static final String[] URLS = {
    "https://api.openai.com/v1/chat/completions",
    "https://api.openai.com/v1/responses",
    "https://api.openai.com/v1/embeddings",
    "https://api.anthropic.com/v1/messages",
    "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent",
    "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
    "http://localhost:11434/api/chat",
    "http://localhost:11434/api/generate",
    "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku/converse",
    "http://10.0.0.7:8000/v1/chat/completions",
  };

  private static final String[] CONTENT_TYPES = {
    "application/json", "text/event-stream", "application/x-ndjson", "text/event-stream; charset=utf-8",
    "application/json; charset=utf-8", null, "", "text/html", "application/octet-stream", ";;;", "\u0000"
  };

  private static final String[] ENCODINGS = {null, null, null, "gzip", "deflate", "br", "gzip, gzip", "x-gzip", "\u00ff"};

  private static long casesRun;
  private static long bytesFed;

  @AfterAll
  static void counts() {
    System.out.printf("[hardening] WireFuzzTest: %,d fuzz cases, %,d body bytes fed, seed %d%n", casesRun, bytesFed, SEED);
  }

  // ---- the readers on their own ----

  @Test
  void everyReaderSurvivesThousandsOfHostileExchanges() {
    Random random = new Random(SEED);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    ParleyLog parleyLog = new ParleyLog(log::add, System::nanoTime);
    LlmApi[] apis = LlmApi.values();
    for (int a = 0; a < apis.length; a++) {
      for (int i = 0; i < READER_CASES_PER_API; i++) {
        LlmApi api = apis[a];
        String path = api.modelInPath() ? "/v1beta/models/gemini-2.0-flash:generateContent" : "/v1/x";
        if (api == LlmApi.BEDROCK_CONVERSE) {
          path = random.nextBoolean() ? "/model/anthropic.claude-3-haiku/converse" : "/model/%zz%/converse-stream";
        }
        boolean capture = random.nextBoolean(); // parley.capture.content on for half the cases
        WireReader reader = WireReaders.create(api, random.nextInt(20) == 0 ? fuzzText(random, 200) : path, parleyLog, capture);
        byte[] request = body(random, REQUESTS[random.nextInt(REQUESTS.length)]);
        byte[] response = body(random, FIXTURES[a][random.nextInt(FIXTURES[a].length)]);
        String context = api + " case " + i;
        try {
          feed(random, request, reader::requestBytes);
          reader.requestSummary();
          reader.responseHead(randomStatus(random), CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
          feed(random, response, reader::responseBytes);
          reader.firstChunkSeen();
          ResponseSummary summary = reader.summary();
          assertNotNull(summary, context);
          assertPlausible(summary, context);
          assertContentBounded(reader.requestSummary(), summary, capture, context);
          reader.summary(); // idempotent
        } catch (RuntimeException | Error e) {
          throw new AssertionError(context + " threw on request " + describe(request) + " and response " + describe(response), e);
        }
        casesRun++;
        bytesFed += request.length + response.length;
      }
    }
    assertNoInternalError(log);
  }

  // ---- the whole call path ----

  @Test
  void theCallPathSurvivesThousandsOfHostileExchanges() throws IOException {
    Random random = new Random(SEED + 1);
    try (AgentPipeline pipeline = new AgentPipeline(Duration.ofMinutes(30), 1_000)) {
      Object request = pipeline.start("fuzz-session", "fuzz-user");
      for (int i = 0; i < PIPELINE_CASES; i++) {
        int which = random.nextInt(URLS.length);
        String url = URLS[which];
        int fixtureRow = which == URLS.length - 1 ? 0 : which;
        byte[] requestBody = body(random, REQUESTS[random.nextInt(REQUESTS.length)]);
        byte[] responseBody = body(random, FIXTURES[fixtureRow][random.nextInt(FIXTURES[fixtureRow].length)]);
        String encoding = ENCODINGS[random.nextInt(ENCODINGS.length)];
        if ("gzip".equals(encoding) && random.nextInt(4) != 0) {
          responseBody = gzip(responseBody); // mostly valid gzip, sometimes a lie
        }
        Object call = pipeline.llm.llmStart(random.nextInt(10) == 0 ? "GET" : "POST", url);
        if (call == null) {
          continue; // not an LLM call; the bridge hands the tracker nothing more for it
        }
        feed(random, requestBody, (b, o, l) -> pipeline.llm.llmRequestBody(call, b, o, l));
        pipeline.llm.llmResponseHead(call, randomStatus(random), CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], encoding);
        feed(random, responseBody, (b, o, l) -> pipeline.llm.llmResponseBody(call, b, o, l));
        pipeline.llm.llmEnd(call, random.nextInt(8) == 0 ? new IOException("cut") : null);
        if (random.nextInt(50) == 0) {
          pipeline.llm.llmEnd(call, null); // a second end is ignored
          pipeline.llm.llmResponseBody(call, responseBody, 0, responseBody.length); // late bytes too
        }
        casesRun++;
        bytesFed += requestBody.length + responseBody.length;
      }
      pipeline.end(request, 200);
      List<SpanData> llmSpans = pipeline.spans(SpanKind.CLIENT);
      assertTrue(llmSpans.size() > PIPELINE_CASES / 2, "most cases were LLM calls: " + llmSpans.size());
      for (SpanData span : llmSpans) {
        assertPlausible(span);
      }
      assertNoInternalError(pipeline.logLines);
    }
  }

  // ---- bounded memory ----

  @Test
  void aReaderFedThirtyTwoMegabytesInOneEventKeepsAboutAMegabyte() {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    List<String> log = new ArrayList<>();
    ParleyLog parleyLog = new ParleyLog(log::add, System::nanoTime);
    for (LlmApi api : LlmApi.values()) {
      for (String contentType : new String[] {"text/event-stream", "application/json", "capture"}) {
        boolean capture = "capture".equals(contentType); // content capture on, JSON
        WireReader reader = WireReaders.create(api, "/v1beta/models/m:streamGenerateContent", parleyLog, capture);
        contentType = capture ? "application/json" : contentType;
        reader.responseHead(200, contentType);
        byte[] open = "data: {\"x\":\"".getBytes(StandardCharsets.UTF_8);
        reader.responseBytes(open, 0, open.length);
        long before = usedHeapAfterGc();
        for (int i = 0; i < 32 * 16; i++) { // 32 MB in one never-ending event or string
          reader.responseBytes(chunk, 0, chunk.length);
        }
        long retained = usedHeapAfterGc() - before;
        assertNotNull(reader.summary());
        assertTrue(retained < 4L * 1024 * 1024, api + " " + contentType + " kept " + retained + " bytes");
        bytesFed += 32L * 1024 * 1024;
      }
    }
  }

  /** Content only when captured, and then within its bound (text plus JSON structure). */
  private static void assertContentBounded(
      RequestSummary request, ResponseSummary response, boolean capture, String context) {
    String[] values = {
      request == null ? null : request.inputMessages(),
      request == null ? null : request.systemInstructions(),
      response.outputMessages()
    };
    for (String value : values) {
      if (!capture) {
        assertNull(value, context);
      } else if (value != null) {
        // text is bounded to MAX_CHARS; escaping (at most 6 characters for one) and the
        // structure of at most MAX_MESSAGES messages with 256-character roles come on top
        assertTrue(
            value.length() <= 6 * CapturedMessages.MAX_CHARS + CapturedMessages.MAX_MESSAGES * 400,
            context + ": " + value.length());
      }
    }
  }

  // ---- generators ----

  /** A fixture as is, mutated, cut, padded, replaced by noise, or blown up. */
  private static byte[] body(Random random, String fixture) {
    byte[] original = WireRun.resource(fixture);
    switch (random.nextInt(12)) {
      case 0:
        return original;
      case 1:
        return Arrays.copyOf(original, random.nextInt(original.length + 1));
      case 2:
      case 3:
      case 4:
        return mutate(random, original, 1 + random.nextInt(20));
      case 5:
        return randomBytes(random, random.nextInt(4096));
      case 6:
        return fuzzText(random, random.nextInt(2048)).getBytes(StandardCharsets.UTF_8);
      case 7:
        return tokenSoup(random);
      case 8:
        return sseSoup(random);
      case 9:
        return numbersPastRange(random);
      case 10:
        return nested(random);
      default:
        return concat(original, mutate(random, original, 3), original);
    }
  }

  private static byte[] mutate(Random random, byte[] body, int edits) {
    byte[] out = body.clone();
    for (int i = 0; i < edits && out.length > 0; i++) {
      int at = random.nextInt(out.length);
      int op = random.nextInt(4);
      if (op == 0) {
        out[at] = (byte) random.nextInt(256);
      } else if (op == 1) {
        byte[] insert = "{}[]\":,\\\n\r -0123456789e.tfn".getBytes(StandardCharsets.ISO_8859_1);
        out = concat(Arrays.copyOf(out, at), new byte[] {insert[random.nextInt(insert.length)]}, Arrays.copyOfRange(out, at, out.length));
      } else if (op == 2) {
        out = concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, Math.min(out.length, at + 1 + random.nextInt(16)), out.length));
      } else {
        int from = random.nextInt(out.length);
        int length = Math.min(out.length - from, random.nextInt(64));
        out = concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, from, from + length), Arrays.copyOfRange(out, at, out.length));
      }
    }
    return out;
  }

  private static byte[] tokenSoup(Random random) {
    String[] tokens = {"{", "}", "[", "]", ",", ":", "\"usage\"", "\"model\"", "\"prompt_tokens\"", "\"input_tokens\"",
        "\"usageMetadata\"", "\"promptTokenCount\"", "\"choices\"", "\"delta\"", "\"type\"", "\"message_delta\"",
        "\"error\"", "\"eval_count\"", "\"done\"", "true", "null", "-1", "1e400", "9223372036854775808", "\"x\"",
        "0.5", "\"\\u0000\"", "\"\\ud800\""};
    StringBuilder soup = new StringBuilder();
    int n = random.nextInt(400);
    for (int i = 0; i < n; i++) {
      soup.append(tokens[random.nextInt(tokens.length)]);
    }
    return soup.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sseSoup(Random random) {
    String[] lines = {"data: ", "data: {}", "data: [DONE]", "event: error", "event: message_delta", ":", "id: 1",
        "retry: x", "data: {\"usage\":{\"prompt_tokens\":5}}", "data: {\"type\":\"message_start\",\"message\":{}}",
        "data: {\"usageMetadata\":{\"promptTokenCount\":-4}}", "\r", "\n", "data:" + repeat("a", 3000), "event:" + repeat("e", 500)};
    StringBuilder soup = new StringBuilder();
    int n = random.nextInt(200);
    for (int i = 0; i < n; i++) {
      soup.append(lines[random.nextInt(lines.length)]).append(random.nextInt(3) == 0 ? "\n\n" : random.nextBoolean() ? "\n" : "\r\n");
    }
    return soup.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] numbersPastRange(Random random) {
    String[] numbers = {"-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "1e309", "-1e309",
        "1.5", "NaN", "Infinity", "0x10", "00012", "1" + repeat("0", 2000), "-0", "4.0e15", "9.1e15"};
    String n1 = numbers[random.nextInt(numbers.length)];
    String n2 = numbers[random.nextInt(numbers.length)];
    String[] shapes = {
      "{\"model\":\"m\",\"usage\":{\"prompt_tokens\":%s,\"completion_tokens\":%s,\"prompt_tokens_details\":{\"cached_tokens\":%s}}}",
      "{\"type\":\"message\",\"usage\":{\"input_tokens\":%s,\"output_tokens\":%s,\"cache_read_input_tokens\":%s}}",
      "{\"usageMetadata\":{\"promptTokenCount\":%s,\"candidatesTokenCount\":%s,\"thoughtsTokenCount\":%s}}",
      "{\"done\":true,\"prompt_eval_count\":%s,\"eval_count\":%s,\"x\":%s}",
      "{\"usage\":{\"inputTokens\":%s,\"outputTokens\":%s,\"cacheReadInputTokens\":%s}}",
      "data: {\"usage\":{\"prompt_tokens\":%s,\"completion_tokens\":%s,\"total_tokens\":%s}}\n\n"
    };
    return String.format(shapes[random.nextInt(shapes.length)], n1, n2, numbers[random.nextInt(numbers.length)])
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] nested(Random random) {
    int depth = random.nextInt(5_000);
    String open = random.nextBoolean() ? "[" : "{\"usage\":";
    return (repeat(open, depth) + "1" + repeat(open.equals("[") ? "]" : "}", random.nextInt(depth + 1)))
        .getBytes(StandardCharsets.UTF_8);
  }

  static String fuzzText(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      if (kind < 6) {
        text.append((char) (0x20 + random.nextInt(0x5F)));
      } else if (kind < 8) {
        text.append((char) random.nextInt(0x20));
      } else if (kind < 9) {
        text.append((char) (0x80 + random.nextInt(0x780)));
      } else {
        text.append(random.nextBoolean() ? "\ud83d\udd11" : "\ud800"); // a pair, or a lone surrogate
      }
    }
    return text.toString();
  }

  private static String repeat(String unit, int times) {
    StringBuilder out = new StringBuilder(unit.length() * times);
    for (int i = 0; i < times; i++) {
      out.append(unit);
    }
    return out.toString();
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static int randomStatus(Random random) {
    int[] statuses = {200, 200, 200, 200, 201, 204, 400, 401, 404, 429, 500, 503, 529, 0, -1, 999};
    return statuses[random.nextInt(statuses.length)];
  }

  /** Feeds {@code body} in random chunks, each copied into a fresh array at a random offset. */
  private static void feed(Random random, byte[] body, Chunking.ChunkSink sink) {
    int i = 0;
    while (i < body.length) {
      int n = Math.min(body.length - i, 1 + random.nextInt(random.nextBoolean() ? 8 : 2048));
      int pad = random.nextInt(4);
      byte[] chunk = new byte[n + 2 * pad];
      Arrays.fill(chunk, (byte) '"');
      System.arraycopy(body, i, chunk, pad, n);
      sink.accept(chunk, pad, n);
      i += n;
    }
    if (random.nextInt(20) == 0) {
      sink.accept(new byte[0], 0, 0);
      sink.accept(body, body.length, 0);
    }
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(body);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part, 0, part.length);
    }
    return out.toByteArray();
  }

  // ---- oracles ----

  private static void assertPlausible(ResponseSummary summary, String context) {
    for (Long count :
        new Long[] {summary.inputTokens(), summary.outputTokens(), summary.cacheReadInputTokens(),
            summary.cacheCreationInputTokens(), summary.reasoningOutputTokens()}) {
      assertTrue(count == null || count >= 0, context + ": a negative token count in " + summary);
    }
    for (String text : new String[] {summary.responseModel(), summary.responseId(), summary.errorType()}) {
      assertTrue(text == null || text.length() <= JsonValues.MAX_TEXT, context + ": unbounded text in " + summary);
    }
    assertTrue(summary.finishReasons().size() <= 64, context + ": " + summary.finishReasons().size() + " finish reasons");
  }

  private static void assertPlausible(SpanData span) {
    for (Map.Entry<AttributeKey<?>, Object> attribute : span.getAttributes().asMap().entrySet()) {
      String key = attribute.getKey().getKey();
      Object value = attribute.getValue();
      if (key.startsWith("gen_ai.usage.") || key.startsWith("turn.")) {
        assertTrue(((Number) value).doubleValue() >= 0, key + "=" + value + " on " + span);
        assertTrue(!(value instanceof Double) || !((Double) value).isNaN() && !((Double) value).isInfinite(), key + "=" + value);
      }
      if (value instanceof String) {
        assertTrue(((String) value).length() <= 512, key + " is " + ((String) value).length() + " chars long");
      }
    }
  }

  private static void assertNoInternalError(List<String> log) {
    List<String> internal = new ArrayList<>();
    synchronized (log) {
      for (String line : log) {
        if (line.contains("internal error") || line.contains("stopped on")) {
          internal.add(line);
        }
      }
    }
    assertEquals(Collections.emptyList(), internal, "caught internal errors are bugs all the same");
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String describe(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    return text.length() <= 300 ? "'" + text + "'" : "'" + text.substring(0, 300) + "...' (" + body.length + " bytes)";
  }
}
