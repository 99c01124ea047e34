package io.parley.smoke.hardening;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.JvmProbe;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import io.parley.smoke.secrets.SecretScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §3, §7, bad input: thousands of generated malformed session, user, conversation, turn,
 * baggage, cookie and trace-context headers (random bytes, control characters, invalid UTF-8,
 * values up to 600 KB, broken percent-encoding, up to 20,000 baggage entries, thousands of cookies)
 * sent over raw sockets to the Spring Boot application with and without the agent. Tomcat is told
 * to accept 1 MB heads so that huge values reach the agent rather than a 400. In every case the
 * application answers byte for byte what it answers without the agent (its {@code /whoami} echoes
 * the headers it saw), the agent logs no stack trace, exports only valid ids, and the heap it adds
 * after a full GC (growth with the agent minus growth without) stays within a small bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class MalformedHeadersHardeningTest {

  private static final long SEED = 20_251_121L;
  private static final int REQUESTS = 1_200;
  private static final int HUGE_MAX = 600_000;
  /** Retained heap the agent may add over the run, beyond what the application itself keeps. */
  private static final long HEAP_GROWTH_BOUND = 8L * 1024 * 1024;
  private static final Pattern VALID_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");
  private static final Pattern HASHED_ID = Pattern.compile("[0-9a-f]{16}");

  private final HardeningReport report = new HardeningReport(MalformedHeadersHardeningTest.class);
  private OtlpHttpReceiver receiver;
  private AgentJvm withAgent;
  private AgentJvm withoutAgent;

  @BeforeAll
  void launch() {
    receiver = OtlpHttpReceiver.start();
    withAgent = spring("hardening-headers", true);
    withoutAgent = spring("hardening-headers-without-agent", false);
  }

  private AgentJvm spring(String name, boolean agent) {
    AgentJvm.Builder builder =
        AgentJvm.app(name, SmokeEnvironment.springBoot3Jar())
            .otlp(receiver.endpoint(), "http/protobuf")
            .appArgs(port -> List.of("--server.port=" + port, "--server.max-http-request-header-size=1MB"));
    return (agent ? builder : builder.withoutAgent()).start();
  }

  @AfterAll
  void stop() {
    try {
      if (withAgent != null) {
        withAgent.close();
      }
      if (withoutAgent != null) {
        withoutAgent.close();
      }
    } finally {
      receiver.close();
      report.print();
    }
  }

  @Test
  void malformedHeadersNeverChangeWhatTheApplicationAnswers() {
    warmUp();
    long heapBefore = JvmProbe.heapUsedAfterFullGc(withAgent);
    long plainHeapBefore = JvmProbe.heapUsedAfterFullGc(withoutAgent);
    long rssBefore = JvmProbe.residentBytes(withAgent);

    MalformedHeaders generator = new MalformedHeaders(SEED, HUGE_MAX);
    Random secrets = new Random(SEED + 1);
    Map<MalformedHeaders.Kind, Integer> kinds = new EnumMap<>(MalformedHeaders.Kind.class);
    List<String> mismatches = new ArrayList<>();
    long bytesSent = 0;
    long bytesCompared = 0;
    int answered200 = 0;
    for (int i = 0; i < REQUESTS; i++) {
      List<MalformedHeaders.Header> headers = generator.nextRequest();
      List<byte[]> lines = new ArrayList<>();
      for (MalformedHeaders.Header header : headers) {
        lines.add(header.line());
        kinds.merge(header.kind(), 1, Integer::sum);
        bytesSent += header.line().length;
      }
      if (i % 10 == 0) {
        addSecrets(lines, headers, secrets);
      }
      RawHttp.Response agent = RawHttp.get(withAgent.port(), "/whoami", lines);
      RawHttp.Response plain = RawHttp.get(withoutAgent.port(), "/whoami", lines);
      bytesCompared += agent.bytes().length;
      if (!agent.comparable().equals(plain.comparable()) && mismatches.size() < 5) {
        mismatches.add(
            "request " + i + " (" + headers.stream().map(h -> h.name() + ":" + h.kind()).collect(Collectors.joining(", "))
                + "): with agent " + agent.status() + ", without " + plain.status() + "\n  with:    "
                + shorten(agent.comparable()) + "\n  without: " + shorten(plain.comparable()));
      }
      if (agent.status() == 200) {
        answered200++;
      }
    }
    int values = kinds.values().stream().mapToInt(Integer::intValue).sum();
    report.add("requests", REQUESTS);
    report.add("malformed header values tried", values);
    kinds.forEach((kind, count) -> report.add("  " + kind.name().toLowerCase(), count));
    report.add("header bytes sent", bytesSent);
    report.add("response bytes compared", bytesCompared);
    report.add("answered 200 (reached the servlet)", answered200);

    assertTrue(mismatches.isEmpty(), "the application answered differently with the agent:\n" + String.join("\n", mismatches));

    int expectedSpans = answered200;
    List<ReceivedSpan> spans =
        receiver.telemetry()
            .awaitSpans(span -> span.isServer() && "/whoami".equals(span.string("url.path")), expectedSpans,
                Duration.ofSeconds(60));
    for (ReceivedSpan span : spans) {
      assertIdShape(span, "session.id", VALID_ID);
      assertIdShape(span, "gen_ai.conversation.id", VALID_ID);
      assertIdShape(span, "user.id", HASHED_ID);
    }
    report.add("server spans checked", spans.size());

    long heapAfter = JvmProbe.heapUsedAfterFullGc(withAgent);
    long plainHeapAfter = JvmProbe.heapUsedAfterFullGc(withoutAgent);
    long rssAfter = JvmProbe.residentBytes(withAgent);
    report.note("heap after GC with agent", JvmProbe.mb(heapBefore) + " -> " + JvmProbe.mb(heapAfter));
    report.note("without agent", JvmProbe.mb(plainHeapBefore) + " -> " + JvmProbe.mb(plainHeapAfter));
    report.note("RSS with agent", JvmProbe.mb(rssBefore) + " -> " + JvmProbe.mb(rssAfter));
    String stderr = withAgent.stderr();
    assertAll(
        () -> assertTrue((heapAfter - heapBefore) - (plainHeapAfter - plainHeapBefore) < HEAP_GROWTH_BOUND,
            "heap after GC grew " + JvmProbe.mb(heapAfter - heapBefore) + " with the agent, "
                + JvmProbe.mb(plainHeapAfter - plainHeapBefore) + " without"),
        () -> assertEquals(countFrames(withoutAgent.stderr()), countFrames(stderr),
            "stack-trace lines with the agent vs without\n" + withAgent.diagnostics()),
        () -> assertTrue(stderr.lines().noneMatch(line -> line.contains("io.parley") && line.contains("Exception")),
            "an agent exception was logged\n" + withAgent.diagnostics()));
  }

  /** Some requests also carry credentials the agent must never export or log. */
  private void addSecrets(List<byte[]> lines, List<MalformedHeaders.Header> headers, Random random) {
    String token = "sk-harden-" + HexFormat.of().formatHex(bytes(random, 12));
    lines.add(("Authorization: Bearer " + token).getBytes(StandardCharsets.ISO_8859_1));
    SecretScan.secretOf(withAgent, SecretScan.AUTHORIZATION, token);
    if (headers.stream().noneMatch(h -> h.name().equals("Cookie"))) {
      String cookie = HexFormat.of().formatHex(bytes(random, 16));
      lines.add(("Cookie: theme=dark; session_id=" + cookie).getBytes(StandardCharsets.ISO_8859_1));
      SecretScan.secretOf(withAgent, SecretScan.COOKIE, cookie);
    }
    if (headers.stream().noneMatch(h -> h.name().equals("X-User-Id"))) {
      String user = "user-" + HexFormat.of().formatHex(bytes(random, 6)) + "@example.com";
      lines.add(("X-User-Id: " + user).getBytes(StandardCharsets.ISO_8859_1));
      SecretScan.secretOf(withAgent, SecretScan.USER_ID, user);
    }
  }

  private void warmUp() {
    for (int i = 0; i < 50; i++) {
      List<byte[]> lines = List.of(("X-Session-Id: warm-" + i).getBytes(StandardCharsets.ISO_8859_1));
      RawHttp.get(withAgent.port(), "/whoami", lines);
      RawHttp.get(withoutAgent.port(), "/whoami", lines);
    }
  }

  private static void assertIdShape(ReceivedSpan span, String key, Pattern shape) {
    String value = span.string(key);
    if (value != null) {
      assertTrue(shape.matcher(value).matches(), key + " exported as " + shorten(value) + " on " + span);
    }
  }

  private static long countFrames(String log) {
    return log.lines().filter(line -> line.startsWith("\tat ")).count();
  }

  private static byte[] bytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String shorten(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
  }
}
