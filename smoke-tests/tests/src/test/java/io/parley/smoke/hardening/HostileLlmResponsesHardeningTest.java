package io.parley.smoke.hardening;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.fakellm.FakeFault;
import io.parley.fakellm.FakeLlmProvider;
import io.parley.fakellm.FakeResponse;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.JvmProbe;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import io.parley.smoke.secrets.SecretScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §5, §7, bad input from the other side: LLM responses built to break a reader ({@link
 * HostileResponses}: malformed, truncated, binary, past the readers' bounds, gzip bombs, garbage
 * event streams, hostile error bodies, lying framing) served to both LLM applications, with and
 * without the agent: raw OkHttp reads behind every wire reader's path, the JDK HttpClient with each
 * kind of body handler and HttpURLConnection, and the OpenAI and Anthropic SDKs (through the fake
 * provider's {@code FakeFault.status} and custom {@code FakeResponse}s). In every case the
 * application reads exactly what it reads without the agent (same bytes, same exception), the
 * agent logs no stack trace and no internal error, and the heap the agent adds after a full GC
 * (growth with the agent minus growth without) stays within a small bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(400)
class HostileLlmResponsesHardeningTest {

  private static final long SEED = 7_919L;
  /** Retained heap the agent may add over the run, beyond what the application itself keeps. */
  private static final long HEAP_GROWTH_BOUND = 8L * 1024 * 1024;
  private static final String API_KEY = "sk-harden-" + UUID.randomUUID();

  /** Request paths that pick each of the agent's wire readers (any host; the body names a model). */
  private static final String[] READER_PATHS = {
    "/v1/chat/completions",
    "/v1/messages",
    "/v1beta/models/gemini-2.0-flash:streamGenerateContent",
    "/v1beta/models/gemini-2.0-flash:generateContent",
    "/api/chat",
    "/v1/responses",
    "/model/anthropic.claude-3-haiku/converse",
    "/v1/embeddings",
  };

  /** llm-jdk endpoints: the JDK client with each body handler, HttpURLConnection, Gemini, Ollama. */
  private static final String[] JDK_CALLS = {
    "/llm/openai?mode=send&handler=bytes",
    "/llm/openai?mode=async&handler=stream",
    "/llm/openai?mode=send&handler=lines",
    "/llm/openai?mode=async&handler=string",
    "/llm/openai?transport=urlconnection",
    "/llm/gemini?mode=send",
    "/llm/ollama?mode=async",
  };

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private final HardeningReport report = new HardeningReport(HostileLlmResponsesHardeningTest.class);
  private final List<String> mismatches = new ArrayList<>();
  private List<HostileResponses.Case> cases;
  private HostileLlmServer server;
  private FakeLlmProvider fake;
  private OtlpHttpReceiver receiver;
  private AgentJvm okAgent;
  private AgentJvm okPlain;
  private AgentJvm jdkAgent;
  private AgentJvm jdkPlain;
  private final Map<AgentJvm, Long> heapBefore = new LinkedHashMap<>();

  @BeforeAll
  void launch() {
    cases = new HostileResponses(SEED).all();
    server = new HostileLlmServer(cases);
    fake = FakeLlmProvider.started().datedModels();
    receiver = OtlpHttpReceiver.start();
    okAgent = okHttpApp("hardening-llm-okhttp", true);
    okPlain = okHttpApp("hardening-llm-okhttp-without-agent", false);
    jdkAgent = jdkApp("hardening-llm-jdk", true);
    jdkPlain = jdkApp("hardening-llm-jdk-without-agent", false);
  }

  private AgentJvm okHttpApp(String name, boolean agent) {
    AgentJvm.Builder builder =
        AgentJvm.app(name, SmokeEnvironment.llmOkHttpJar())
            .otlp(receiver.endpoint(), "http/protobuf")
            .systemProperty("llm.base.url", fake.baseUrl());
    for (String key : List.of("sk-test-123-openai-sdk", "sk-test-123-anthropic-sdk", "sk-test-123-raw-openai")) {
      builder.secret(SecretScan.API_KEY, key);
    }
    return (agent ? builder : builder.withoutAgent()).start();
  }

  private AgentJvm jdkApp(String name, boolean agent) {
    AgentJvm.Builder builder =
        AgentJvm.app(name, SmokeEnvironment.llmJdkJar())
            .otlp(receiver.endpoint(), "http/protobuf")
            .systemProperty("llm.apiKey", API_KEY)
            // the hostile server as a configured LLM host: its calls are recorded whatever the body
            .systemProperty("parley.llm.hosts", "127.0.0.1:" + server.port())
            .secret(SecretScan.API_KEY, API_KEY)
            .appArgs(port -> List.of("--server.port=" + port));
    return (agent ? builder : builder.withoutAgent()).start();
  }

  @AfterAll
  void stop() {
    try {
      for (AgentJvm jvm : Arrays.asList(okAgent, okPlain, jdkAgent, jdkPlain)) {
        if (jvm != null) {
          jvm.close();
        }
      }
    } finally {
      receiver.close();
      server.close();
      fake.close();
      report.print();
    }
  }

  @Test
  @Order(0)
  void warmUpAndMeasureTheHeap() {
    for (int i = 0; i < 20; i++) {
      String url = server.base(0) + READER_PATHS[0];
      get(okAgent, fetch(url, false, false));
      get(okPlain, fetch(url, false, false));
      get(jdkAgent, JDK_CALLS[0] + "&base=" + encode(server.base(0) + "/v1"));
      get(jdkPlain, JDK_CALLS[0] + "&base=" + encode(server.base(0) + "/v1"));
    }
    for (AgentJvm jvm : List.of(okAgent, okPlain, jdkAgent, jdkPlain)) {
      heapBefore.put(jvm, JvmProbe.heapUsedAfterFullGc(jvm));
    }
  }

  @Test
  @Order(1)
  void rawOkHttpReadsBehindEveryWireReaderAreUnchanged() {
    int calls = 0;
    for (int i = 0; i < cases.size(); i++) {
      HostileResponses.Case hostile = cases.get(i);
      // each case behind three of the eight readers, in turn, so every reader sees a third of
      // the cases (a huge one behind one reader: it is about the bounds, not the reader)
      List<String> paths = new ArrayList<>();
      for (int r = 0; r < (hostile.huge() ? 1 : 3); r++) {
        paths.add(READER_PATHS[(i + r * 3) % READER_PATHS.length]);
      }
      for (int p = 0; p < paths.size(); p++) {
        // gzip bombs only where the application reads the compressed bytes itself (OkHttp would
        // inflate a quarter of a gigabyte for it otherwise, agent or not)
        boolean appAsksGzip = hostile.gzipBomb() || (i + p) % 2 == 0;
        String path = fetch(server.base(i) + paths.get(p), hostile.streaming(), appAsksGzip);
        compare("okhttp " + hostile + " at " + paths.get(p), okAgent, okPlain, path);
        calls++;
      }
      report.add("hostile responses: " + hostile.kind(), 1);
    }
    report.add("raw OkHttp calls compared", calls);
    assertNoMismatch();
  }

  @Test
  @Order(2)
  void jdkClientsReadsAreUnchanged() {
    int calls = 0;
    for (int i = 0; i < cases.size(); i++) {
      HostileResponses.Case hostile = cases.get(i);
      int variants = hostile.huge() ? 1 : 2;
      for (int v = 0; v < variants; v++) {
        String call = JDK_CALLS[(i * 2 + v) % JDK_CALLS.length];
        String base = call.startsWith("/llm/openai") ? server.base(i) + "/v1" : server.base(i);
        String path = call + "&stream=" + hostile.streaming() + "&base=" + encode(base);
        compare("jdk " + hostile + " via " + call, jdkAgent, jdkPlain, path);
        calls++;
      }
    }
    report.add("JDK HttpClient / HttpURLConnection calls compared", calls);
    assertNoMismatch();
  }

  @Test
  @Order(3)
  void sdkCallsOnHostileFakeProviderAnswersAreUnchanged() {
    List<Supplier<FakeResponse>> answers = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (HostileResponses.Case hostile : cases) {
      if (!hostile.huge() && !hostile.gzipBomb() && hostile.pieces().size() == 1 && hostile.size() < 300_000) {
        String raw = new String(hostile.pieces().get(0), StandardCharsets.ISO_8859_1);
        int bodyStart = raw.indexOf("\r\n\r\n");
        if (bodyStart > 0 && (hostile.kind().contains("JSON") || hostile.kind().contains("types")
            || hostile.kind().equals("binary") || hostile.kind().equals("trailing garbage"))) {
          bodies.add(raw.substring(bodyStart + 4));
        }
      }
    }
    for (int b = 0; b < bodies.size(); b++) {
      String body = bodies.get(b);
      int status = b % 3 == 2 ? 500 : 200;
      answers.add(() -> new FakeResponse().fault(FakeFault.status(status, body)));
    }
    answers.add(() -> new FakeResponse().model("m".repeat(100_000)).text("t".repeat(1_000_000)));
    answers.add(() -> new FakeResponse().usage(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
    answers.add(() -> new FakeResponse().fault(FakeFault.cutStreamAfter(1)));
    answers.add(() -> new FakeResponse().fault(FakeFault.streamError(0)));
    answers.add(() -> new FakeResponse().fault(FakeFault.disconnect()));
    answers.add(() -> new FakeResponse().chunks("\u0000", "\ud83d\udc4b", "\"}]", "\\u0000").gzip(true));
    String[] endpoints = {"/openai/chat", "/openai/chat-stream", "/openai/responses", "/anthropic/messages", "/anthropic/messages-stream"};
    int calls = 0;
    for (int a = 0; a < answers.size(); a++) {
      for (int e = 0; e < 3; e++) { // three of the five endpoints per answer, in turn
        String endpoint = endpoints[(a + e) % endpoints.length];
        fake.enqueue(answers.get(a).get());
        SmokeAnswer withAgent = get(okAgent, endpoint);
        fake.enqueue(answers.get(a).get());
        SmokeAnswer without = get(okPlain, endpoint);
        if (!withAgent.comparable().equals(without.comparable()) && mismatches.size() < 10) {
          mismatches.add("sdk answer " + a + " at " + endpoint + ":\n  with:    " + withAgent.shortText() + "\n  without: " + without.shortText());
        }
        calls++;
      }
    }
    report.add("SDK calls on hostile fake-provider answers compared", calls);
    assertNoMismatch();
  }

  @Test
  @Order(4)
  void heapStaysBoundedAndTheAgentLogsNoErrors() {
    long faults = server.served() + fake.requestCount();
    report.add("hostile responses served", faults);
    List<ReceivedSpan> llmSpans =
        receiver.telemetry().awaitSpans(span -> span.attribute("gen_ai.operation.name").isPresent(), 1, Duration.ofSeconds(20));
    report.add("LLM spans exported", llmSpans.size());
    List<String> problems = new ArrayList<>();
    Map<AgentJvm, Long> heapGrowth = new LinkedHashMap<>();
    for (AgentJvm jvm : List.of(okAgent, okPlain, jdkAgent, jdkPlain)) {
      long after = JvmProbe.heapUsedAfterFullGc(jvm);
      long before = heapBefore.get(jvm);
      report.note("heap after GC " + jvm.name(), JvmProbe.mb(before) + " -> " + JvmProbe.mb(after));
      report.note("RSS " + jvm.name(), JvmProbe.mb(JvmProbe.residentBytes(jvm)));
      if (System.getProperty("parley.smoke.histogram") != null) {
        JvmProbe.histogram(jvm, SmokeEnvironment.logDir().resolve(jvm.name() + ".histo.txt"));
      }
      heapGrowth.put(jvm, after - before);
    }
    // the applications themselves keep some of what they read (SDK reflection caches, buffers):
    // the agent's share is the difference between the two runs of the same calls
    for (AgentJvm[] pair : List.of(new AgentJvm[] {okAgent, okPlain}, new AgentJvm[] {jdkAgent, jdkPlain})) {
      long agentShare = heapGrowth.get(pair[0]) - heapGrowth.get(pair[1]);
      report.note("heap growth due to the agent " + pair[0].name(), JvmProbe.mb(agentShare));
      if (agentShare >= HEAP_GROWTH_BOUND) {
        problems.add(pair[0].name() + " heap after GC grew " + JvmProbe.mb(agentShare) + " more than without the agent");
      }
    }
    for (AgentJvm[] pair : List.of(new AgentJvm[] {okAgent, okPlain}, new AgentJvm[] {jdkAgent, jdkPlain})) {
      String agentLog = pair[0].stderr() + pair[0].stdout();
      String plainLog = pair[1].stderr() + pair[1].stdout();
      long agentFrames = agentLog.lines().filter(line -> line.startsWith("\tat ")).count();
      long plainFrames = plainLog.lines().filter(line -> line.startsWith("\tat ")).count();
      report.note("stack-trace lines " + pair[0].name() + " / without agent", agentFrames + " / " + plainFrames);
      agentLog.lines()
          .filter(line -> line.contains("io.parley") && (line.startsWith("\tat ") || line.contains("Exception")))
          .limit(5)
          .forEach(line -> problems.add(pair[0].name() + ": " + line));
      agentLog.lines()
          .filter(line -> line.startsWith("[parley]") && (line.contains("internal error") || line.contains("stopped on")))
          .limit(5)
          .forEach(line -> problems.add(pair[0].name() + ": " + line));
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  // ---- calls and comparison ----

  /** What an application answered, with what differs from run to run (a timestamp) taken out. */
  record SmokeAnswer(int status, Map<String, String> upstream, byte[] body) {
    String comparable() {
      // Spring's error page carries a timestamp, the fake provider numbers its request ids
      String text =
          new String(body, StandardCharsets.ISO_8859_1)
              .replaceAll("\"timestamp\":\"[^\"]*\"", "")
              .replaceAll("req_fake[0-9]+", "req_fake");
      return status + " " + upstream + " " + text;
    }

    String shortText() {
      String text = comparable();
      return text.length() <= 400 ? text : text.substring(0, 400) + "... (" + text.length() + " chars)";
    }
  }

  private void compare(String what, AgentJvm agent, AgentJvm plain, String path) {
    SmokeAnswer withAgent = get(agent, path);
    SmokeAnswer without = get(plain, path);
    report.add("response bytes compared", without.body().length);
    if (!withAgent.comparable().equals(without.comparable()) && mismatches.size() < 10) {
      mismatches.add(what + ":\n  with:    " + withAgent.shortText() + "\n  without: " + without.shortText());
    }
  }

  private void assertNoMismatch() {
    List<String> found = new ArrayList<>(mismatches);
    mismatches.clear();
    assertAll(() -> assertTrue(found.isEmpty(), "the application read something else with the agent:\n" + String.join("\n", found)));
  }

  private static String fetch(String url, boolean stream, boolean gzip) {
    return "/raw/fetch?stream=" + stream + "&gzip=" + gzip + "&url=" + encode(url);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static SmokeAnswer get(AgentJvm jvm, String path) {
    HttpRequest request = HttpRequest.newBuilder(jvm.uri(path)).timeout(Duration.ofSeconds(120)).GET().build();
    try {
      HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> upstream = new LinkedHashMap<>();
      for (String header : List.of("X-Upstream-Status", "X-Upstream-Error", "X-Upstream-Content-Encoding")) {
        response.headers().firstValue(header).ifPresent(value -> upstream.put(header, value));
      }
      return new SmokeAnswer(response.statusCode(), upstream, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " on " + jvm.name() + " failed\n" + jvm.diagnostics(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
