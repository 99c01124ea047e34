package io.parley.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsReportTest {

  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final String SCOPE = "{\"scope\":{\"name\":\"io.parley\"},\"spans\":[%s]}";

  @TempDir Path dir;

  /** Two export batches as the agent writes them, a line cut short, and a blank line. */
  private Path fixture() throws IOException {
    String firstBatch =
        request(
            resource(
                "parley-demo-chat",
                scope(
                    span("t1", "a1", "POST /chat", 2, 0, 400,
                        str("session.id", "alice-1"), str("user.id", "u-alice"), integer("turn.number", 1)),
                    span("t1", "a2", "chat gpt-4o-mini", 3, 100, 300,
                        str("session.id", "alice-1"), str("user.id", "u-alice"), integer("turn.number", 1),
                        str("gen_ai.operation.name", "chat"), integer("gen_ai.usage.input_tokens", 40),
                        integer("gen_ai.usage.output_tokens", 20), dbl("gen_ai.usage.cost", 0.0001)),
                    span("t2", "h1", "GET /health", 2, 10, 12))));
    String secondBatch =
        request(
            resource(
                "parley-demo-chat",
                scope(
                    span("t3", "a3", "POST /chat", 2, 1000, 1600,
                        str("session.id", "alice-1"), str("user.id", "u-alice"), integer("turn.number", 2)),
                    span("t3", "a4", "chat gpt-4o-mini", 3, 1100, 1500,
                        str("session.id", "alice-1"), integer("turn.number", 2),
                        str("gen_ai.operation.name", "chat"), integer("gen_ai.usage.input_tokens", 50),
                        integer("gen_ai.usage.output_tokens", 30), dbl("gen_ai.usage.cost", 0.0002)),
                    span("t3", "a5", "GET", 3, 1520, 1550, str("session.id", "alice-1")))),
            resource(
                "other-service",
                scope(
                    span("t4", "b1", "POST /chat", 2, 500, 700,
                        str("session.id", "bob-cookie-hash"), str("user.id", "u-bob"), integer("turn.number", 1)),
                    span("t4", "b2", "chat some-local-model", 3, 550, 650,
                        str("session.id", "bob-cookie-hash"), integer("turn.number", 1),
                        str("gen_ai.operation.name", "chat"), integer("gen_ai.usage.input_tokens", 10),
                        integer("gen_ai.usage.output_tokens", 5)))));
    Path file = dir.resolve("spans.jsonl");
    Files.write(
        file,
        Arrays.asList(firstBatch, "", secondBatch, "{\"resourceSpans\":[{\"resource\":{\"attr"),
        StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void groupsSpansBySessionIdInOrderOfFirstSpanWithNoSessionLast() throws IOException {
    SessionsReport report = SessionsReport.read(fixture());

    assertEquals(
        List.of("alice-1", "bob-cookie-hash", SessionSummary.NO_SESSION),
        report.sessions().stream().map(SessionSummary::sessionId).toList());
    assertEquals(8, report.spanCount());
  }

  @Test
  void countsServerSpansAsRequestsAndMeasuresFirstStartToLastEnd() throws IOException {
    SessionSummary alice = session(SessionsReport.read(fixture()), "alice-1");

    assertEquals(2, alice.requests());
    assertEquals(1_600_000_000L, alice.durationNanos());
    assertEquals("u-alice", alice.user());
  }

  @Test
  void countsDistinctTurnsAndOnlyClientSpansWithAGenAiOperationAsLlmCalls() throws IOException {
    SessionSummary alice = session(SessionsReport.read(fixture()), "alice-1");

    assertEquals(2, alice.turns());
    assertEquals(2, alice.llmCalls(), "the plain outbound GET is not an LLM call");
  }

  @Test
  void sumsTokensAndCostOverLlmSpans() throws IOException {
    SessionsReport report = SessionsReport.read(fixture());
    SessionSummary alice = session(report, "alice-1");
    SessionSummary bob = session(report, "bob-cookie-hash");

    assertEquals(90L, alice.inputTokens());
    assertEquals(50L, alice.outputTokens());
    assertEquals(0.0003, alice.costUsd(), 1e-12);
    assertEquals(10L, bob.inputTokens());
    assertNull(bob.costUsd(), "a model without a price has no cost, not a cost of 0");
  }

  @Test
  void spansWithoutSessionGoUnderNoSession() throws IOException {
    SessionSummary none = session(SessionsReport.read(fixture()), SessionSummary.NO_SESSION);

    assertEquals(1, none.requests());
    assertEquals(0, none.llmCalls());
    assertNull(none.user());
  }

  @Test
  void rendersAnAlignedTableWithATotalLineAndTheFile() throws IOException {
    Path file = fixture();
    String rendered = SessionsReport.read(file).render();

    assertTrue(rendered.contains(file.toAbsolutePath().toString()), rendered);
    assertTrue(rendered.contains("(1 unreadable line(s) skipped)"), rendered);
    List<String> table = tableLines(rendered);
    assertEquals(7, table.size(), rendered); // header, rule, 3 sessions, rule, total
    for (String line : table) {
      assertEquals(table.get(0).length(), line.length(), "aligned:\n" + rendered);
    }
    assertEquals(
        List.of("alice-1", "u-alice", "2", "1.6s", "2", "2", "90", "50", "0.000300"),
        cells(table.get(2)));
    assertEquals(
        List.of("bob-cookie-hash", "u-bob", "1", "0.2s", "1", "1", "10", "5", "-"),
        cells(table.get(3)));
    assertEquals(
        List.of("(no", "session)", "-", "1", "0.0s", "0", "0", "-", "-", "-"),
        cells(table.get(4)));
    assertEquals(
        List.of("total", "(2", "sessions)", "4", "1.6s", "3", "3", "100", "55", "0.000300"),
        cells(table.get(6)));
  }

  @Test
  void showsDashesWhileTheAgentRecordsNoTurnsOrLlmCalls() throws IOException {
    Path file = dir.resolve("http-only.jsonl");
    Files.writeString(
        file,
        request(resource("svc", scope(
            span("t1", "s1", "POST /chat", 2, 0, 250, str("session.id", "s-1"), str("user.id", "u-1")),
            span("t2", "s2", "POST /chat", 2, 300, 1200, str("session.id", "s-1"), str("user.id", "u-1"))))));

    List<String> table = tableLines(SessionsReport.read(file).render());

    assertEquals(List.of("s-1", "u-1", "2", "1.2s", "-", "-", "-", "-", "-"), cells(table.get(2)));
  }

  @Test
  void acceptsIntegersAsJsonNumbersAndKindsAsEnumNames() throws IOException {
    Path file = dir.resolve("lenient.jsonl");
    Files.writeString(
        file,
        request(resource("svc", scope(
            "{\"traceId\":\"t\",\"spanId\":\"s\",\"name\":\"POST /chat\",\"kind\":\"SPAN_KIND_SERVER\","
                + "\"startTimeUnixNano\":\"" + T0 + "\",\"endTimeUnixNano\":\"" + (T0 + 1) + "\","
                + "\"attributes\":[{\"key\":\"session.id\",\"value\":{\"stringValue\":\"s-9\"}},"
                + "{\"key\":\"turn.number\",\"value\":{\"intValue\":7}}]}"))));

    SessionSummary session = session(SessionsReport.read(file), "s-9");

    assertEquals(1, session.requests());
    assertEquals(1, session.turns());
  }

  @Test
  void saysSoWhenThereIsNoFile() throws IOException {
    String rendered = SessionsReport.read(dir.resolve("missing.jsonl")).render();

    assertTrue(rendered.startsWith("No telemetry file at "), rendered);
    assertTrue(rendered.contains("OTEL_TRACES_EXPORTER=file"), rendered);
  }

  @Test
  void formatsDurationsInSecondsThenMinutes() {
    assertEquals("0.4s", SessionsReport.duration(400_000_000L));
    assertEquals("59.9s", SessionsReport.duration(59_940_000_000L));
    assertEquals("1m15s", SessionsReport.duration(75_000_000_000L));
  }

  private static SessionSummary session(SessionsReport report, String id) {
    return report.sessions().stream()
        .filter(s -> s.sessionId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session " + id));
  }

  private static List<String> tableLines(String rendered) {
    return rendered.lines().filter(line -> line.startsWith("  ")).toList();
  }

  private static List<String> cells(String line) {
    return List.of(line.trim().split("\\s+"));
  }

  // --- OTLP/JSON fixture builders -------------------------------------------------------------

  private static String request(String... resourceSpans) {
    return "{\"resourceSpans\":[" + String.join(",", resourceSpans) + "]}";
  }

  private static String resource(String serviceName, String... scopeSpans) {
    return "{\"resource\":{\"attributes\":[" + str("service.name", serviceName) + "]},"
        + "\"scopeSpans\":[" + String.join(",", scopeSpans) + "]}";
  }

  private static String scope(String... spans) {
    return String.format(SCOPE, String.join(",", spans));
  }

  private static String span(
      String traceId, String spanId, String name, int kind, long startMillis, long endMillis,
      String... attributes) {
    return "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + spanId + "\",\"name\":\"" + name
        + "\",\"kind\":" + kind
        + ",\"startTimeUnixNano\":\"" + (T0 + startMillis * 1_000_000) + "\""
        + ",\"endTimeUnixNano\":\"" + (T0 + endMillis * 1_000_000) + "\""
        + ",\"attributes\":[" + String.join(",", attributes) + "],\"status\":{}}";
  }

  private static String str(String key, String value) {
    return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";
  }

  private static String integer(String key, long value) {
    return "{\"key\":\"" + key + "\",\"value\":{\"intValue\":\"" + value + "\"}}";
  }

  private static String dbl(String key, double value) {
    return "{\"key\":\"" + key + "\",\"value\":{\"doubleValue\":" + value + "}}";
  }
}
