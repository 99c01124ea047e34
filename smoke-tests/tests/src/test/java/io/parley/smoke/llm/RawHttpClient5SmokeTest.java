package io.parley.smoke.llm;

import static io.parley.smoke.llm.LlmSpanAssertions.assertErrorSpan;
import static io.parley.smoke.llm.LlmSpanAssertions.assertLlmSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parley.fakellm.FakeFault;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.llm.LlmSpanAssertions.Expected;
import io.parley.smoke.otlp.ReceivedSpan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * LLM calls an application makes itself through Apache HttpClient 5 classic: one span per call
 * with what the fake returned, and the application reads every byte exactly as it does without
 * the agent (plain, chunked, gzip decompressed by HttpClient or left compressed, SSE, NDJSON,
 * error statuses; read with EntityUtils, small stream reads, writeTo or a response handler).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class RawHttpClient5SmokeTest {

  private LlmApps apps;

  @BeforeAll
  void launch() {
    apps = LlmApps.start("smoke-llm-raw-httpclient5");
  }

  @AfterAll
  void stop() {
    if (apps != null) {
      apps.close();
    }
  }

  @BeforeEach
  void resetFake() {
    apps.llm.reset();
    apps.llm.datedModels();
  }

  // ---- one span per call, with what the fake returned ----

  @Test
  void openAiChatCompletion() {
    apps.llm.next().usage(410, 37);
    assertOneSpan(
        "/raw/openai",
        new Expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 410, 37, false));
  }

  @Test
  void openAiChatCompletionStreamedAsServerSentEvents() {
    apps.llm.next().usage(411, 38);
    assertOneSpan(
        "/raw/openai?stream=true&read=stream",
        new Expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 411, 38, true));
  }

  @Test
  void openAiChatCompletionWithAOneShotRequestBody() {
    apps.llm.next().usage(412, 39);
    assertOneSpan(
        "/raw/openai?body=stream",
        new Expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 412, 39, false));
  }

  @Test
  void geminiGenerateContent() {
    apps.llm.next().usage(413, 40);
    assertOneSpan(
        "/raw/gemini",
        new Expected(
            "generate_content", "gcp.gemini", "gemini-2.0-flash", "gemini-2.0-flash-001", 413, 40, false));
  }

  @Test
  void ollamaChat() {
    apps.llm.next().usage(414, 41);
    assertOneSpan(
        "/raw/ollama", new Expected("chat", "ollama", "llama3.2", "llama3.2", 414, 41, false));
  }

  @Test
  void ollamaChatStreamedAsNdjson() {
    apps.llm.next().usage(415, 42);
    assertOneSpan(
        "/raw/ollama?stream=true&read=stream",
        new Expected("chat", "ollama", "llama3.2", "llama3.2", 415, 42, true));
  }

  @Test
  void rateLimitIsAnErrorSpanAndTheApplicationReadsTheErrorBody() {
    apps.llm.failNext(2, FakeFault.rateLimited(0)); // HttpClient retries a 429 once by itself
    String session = LlmApps.session("raw-429");
    View view = View.of(apps.withAgent("/raw/openai", session));

    assertEquals(429, view.status);
    ReceivedSpan server = apps.serverSpan(session);
    assertErrorSpan(apps.singleLlmSpan(server), server);
  }

  @Test
  void serverErrorIsAnErrorSpanAndTheApplicationReadsTheErrorBody() {
    apps.llm.failNext(FakeFault.serverError());
    String session = LlmApps.session("raw-500");
    View view = View.of(apps.withAgent("/raw/openai?read=handler", session));

    assertEquals(500, view.status);
    ReceivedSpan server = apps.serverSpan(session);
    assertErrorSpan(apps.singleLlmSpan(server), server);
  }

  @Test
  void theFakeApiKeyIsNowhereInTheExportedBytes() {
    String session = LlmApps.session("raw-key");
    apps.withAgent("/raw/openai", session);
    apps.withAgent("/raw/gemini", session);
    apps.singleLlmSpan(apps.serverSpan(session));

    assertFalse(apps.agent.telemetry().rawBytesContain(apps.apiKey), "the API key was exported");
    assertFalse(apps.agent.jvm().stderr().contains(apps.apiKey), "the API key was logged");
  }

  // ---- byte for byte what the application reads without the agent ----

  @Test
  void theApplicationReadsTheSameBytesWithAndWithoutTheAgent() throws IOException {
    Map<String, String> sessions = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (Exchange exchange : exchanges()) {
      String session = LlmApps.session("bytes");
      sessions.put(session, exchange.query);
      View with = View.of(apps.withAgent(exchange.query, session));
      byte[] sentWith = apps.replay.lastSent(exchange.replayPath);
      View without = View.of(apps.withoutAgent(exchange.query, LlmApps.session("plain")));
      if (!with.equals(without)) {
        failures.add(exchange.query + "\n  with:    " + with + "\n  without: " + without);
        continue;
      }
      boolean gzipSent = sentWith != null && sentWith.length > 1 && sentWith[0] == 0x1f && (sentWith[1] & 0xff) == 0x8b;
      if (exchange.query.contains("gzip=true") != gzipSent) {
        failures.add(exchange.query + ": the replay server did not answer as asked (gzip " + gzipSent + ")");
      }
      if (exchange.compressedRead != "gzip".equals(with.contentEncoding)) {
        failures.add(exchange.query + ": content encoding seen by the application " + with.contentEncoding);
      }
      byte[] expected = apps.replay.recorded(exchange.recording).body();
      byte[] read = exchange.compressedRead ? gunzip(with.body) : with.body;
      if (exchange.compressedRead && !java.util.Arrays.equals(sentWith, with.body)) {
        failures.add(exchange.query + ": the compressed bytes read differ from those sent");
      }
      if (!java.util.Arrays.equals(expected, read)) {
        failures.add(exchange.query + ": read " + read.length + " bytes, the provider sent " + expected.length);
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(47, sessions.size(), "exchanges compared");

    // and every one of those calls was exactly one LLM span
    apps.agent.awaitSpans(
        span -> span.isServer() && sessions.containsKey(span.string("session.id")), sessions.size());
    List<ReceivedSpan> all = apps.agent.spansAfterSettling(span -> true);
    for (Map.Entry<String, String> entry : sessions.entrySet()) {
      ReceivedSpan server =
          all.stream()
              .filter(s -> s.isServer() && entry.getKey().equals(s.string("session.id")))
              .findFirst()
              .orElseThrow();
      long llmSpans = all.stream().filter(s -> LlmApps.isLlmSpanOf(s, server)).count();
      assertEquals(1, llmSpans, "LLM spans for " + entry.getValue());
    }
  }

  /** One way of calling the replay server, and what the application must read. */
  private record Exchange(String query, String replayPath, String recording, boolean compressedRead) {}

  private List<Exchange> exchanges() {
    String base = "&base=" + URLEncoder.encode(apps.replay.baseUrl(), StandardCharsets.UTF_8);
    String chat = "/v1/chat/completions";
    List<Exchange> all = new ArrayList<>();
    for (String read : List.of("utils", "stream", "writeTo", "handler")) {
      for (boolean stream : List.of(false, true)) {
        String recording = chat + (stream ? " stream" : "");
        String common = "/raw/openai?read=" + read + "&stream=" + stream + base;
        all.add(new Exchange(common + "&path=" + enc(chat), chat, recording, false));
        all.add(new Exchange(common + "&gzip=true&path=" + enc(chat + "?gzip=1"), chat, recording, false));
        all.add(
            new Exchange(
                common + "&gzip=true&decode=false&path=" + enc(chat + "?gzip=1"), chat, recording, true));
        if (!stream) {
          all.add(new Exchange(common + "&path=" + enc(chat + "?framing=chunked"), chat, recording, false));
          all.add(
              new Exchange(
                  common + "&gzip=true&path=" + enc(chat + "?framing=chunked&gzip=1"), chat, recording, false));
        }
      }
      all.add(new Exchange("/raw/openai?read=" + read + "&body=stream&path=" + enc(chat) + base, chat, chat, false));
      for (String status : List.of("429", "500")) {
        all.add(
            new Exchange(
                "/raw/openai?read=" + read + "&path=" + enc(chat + "?status=" + status) + base,
                chat,
                chat + " " + status,
                false));
      }
    }
    String gemini = "/v1beta/models/gemini-2.0-flash:generateContent";
    all.add(new Exchange("/raw/gemini?read=stream" + base, gemini, gemini, false));
    all.add(new Exchange("/raw/ollama?read=stream" + base, "/api/chat", "/api/chat", false));
    all.add(
        new Exchange("/raw/ollama?stream=true&read=stream" + base, "/api/chat", "/api/chat stream", false));
    return all;
  }

  private void assertOneSpan(String pathAndQuery, Expected expected) {
    String session = LlmApps.session("raw");
    View view = View.of(apps.withAgent(pathAndQuery, session));
    assertEquals(200, view.status, view.toString());
    ReceivedSpan server = apps.serverSpan(session);
    ReceivedSpan llm = apps.singleLlmSpan(server);
    assertLlmSpan(llm, server, session, expected);
    assertEquals("127.0.0.1", llm.string("server.address"));
    assertEquals((long) apps.llm.port(), llm.longValue("server.port"));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  /** What the application answered: upstream status, content type, encoding, bytes read. */
  private static final class View {
    final int status;
    final String contentType;
    final String contentEncoding;
    final byte[] body;
    final int appStatus;

    private View(int appStatus, int status, String contentType, String contentEncoding, byte[] body) {
      this.appStatus = appStatus;
      this.status = status;
      this.contentType = contentType;
      this.contentEncoding = contentEncoding;
      this.body = body;
    }

    static View of(SmokeHttp.Response response) {
      String[] lines = response.body().split("\n", -1);
      if (response.status() != 200 || lines.length != 4) {
        return new View(response.status(), -1, null, null, response.body().getBytes(StandardCharsets.UTF_8));
      }
      return new View(
          response.status(),
          Integer.parseInt(lines[0]),
          lines[1],
          lines[2],
          Base64.getDecoder().decode(lines[3]));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof View v
          && v.appStatus == appStatus
          && v.status == status
          && java.util.Objects.equals(v.contentType, contentType)
          && java.util.Objects.equals(v.contentEncoding, contentEncoding)
          && java.util.Arrays.equals(v.body, body);
    }

    @Override
    public int hashCode() {
      return status;
    }

    @Override
    public String toString() {
      return appStatus + "/" + status + " " + contentType + " " + contentEncoding + " " + body.length + " bytes";
    }
  }
}
