package io.parley.smoke.springboot;

import static io.parley.smoke.SpanContract.SESSION_ID;
import static io.parley.smoke.SpanContract.USER_ID;
import static io.parley.smoke.SpanContract.sha256Prefix;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §3 session lifecycle end to end, with {@code parley.session.timeout=2s}: an idle session
 * ends {@code inactive}, a derived session resumed after it gets a new id naming the old one, and
 * the sessions still open at shutdown end {@code shutdown}. The Langfuse and OpenInference
 * dialects are on, so their request-level keys are checked on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class SessionLifecycleSmokeTest {

  private static final String ALICE = "alice@example.com";
  private static final String FRANK = "frank@example.com";
  /** Timeout 2 s, sweeps every 0.5 s: a summary is due about 2.5 s after the last request. */
  private static final Duration SUMMARY_WAIT = Duration.ofSeconds(20);

  private InstrumentedApp app;

  @BeforeAll
  void launch() {
    app =
        InstrumentedApp.launch(
            AgentJvm.app("smoke-session-lifecycle", SmokeEnvironment.springBoot3Jar())
                .systemProperty("parley.session.timeout", "2s")
                .systemProperty("parley.dialects", "langfuse,openinference")
                .appArgs(port -> List.of("--server.port=" + port)));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @Order(1)
  void idleSessionEndsInactiveWithItsTotalsInItsOwnTrace() {
    ReceivedSpan first = request("/items/idle-1", "X-Session-Id", "sess-idle", "X-User-Id", ALICE);
    ReceivedSpan second = request("/items/idle-2", "X-Session-Id", "sess-idle", "X-User-Id", ALICE);

    ReceivedSpan summary = awaitSummary(session("sess-idle"));
    long firstStart = first.proto().getStartTimeUnixNano();
    long lastEnd = second.proto().getEndTimeUnixNano();
    assertAll(
        () -> assertEquals("inactive", summary.string("session.end_reason"), "session.end_reason"),
        () -> assertEquals(2L, summary.longValue("session.request_count"), "session.request_count"),
        () -> assertEquals(0L, summary.longValue("session.total_turns"), "session.total_turns"),
        () -> assertEquals(0L, summary.longValue("session.total_tokens"), "session.total_tokens"),
        () -> assertEquals(0L, summary.longValue("session.error_count"), "session.error_count"),
        () -> assertTrue(
            summary.attribute("session.total_cost_usd").isEmpty(), "cost without priced calls"),
        () -> assertEquals(sha256Prefix(ALICE), summary.string(USER_ID), USER_ID),
        () -> assertEquals("", summary.parentSpanId(), "the summary has a parent"),
        () -> assertNotEquals(first.traceId(), summary.traceId(), "shares the request's trace"),
        () -> assertNotEquals(second.traceId(), summary.traceId(), "shares the request's trace"),
        () -> assertTrue(
            Math.abs(summary.proto().getStartTimeUnixNano() - firstStart) < 50_000_000L,
            "start is not the first request's start"),
        () -> assertTrue(
            Math.abs(summary.proto().getEndTimeUnixNano() - lastEnd) < 50_000_000L,
            "end is not the last request's end"),
        () -> assertEquals(
            summary.durationMillis(), summary.longValue("session.duration_ms"), "duration_ms"),
        () -> assertEquals("sess-idle", summary.string("langfuse.session.id"), "langfuse dialect"));
  }

  @Test
  @Order(2)
  void dialectKeysAreOnTheRequestSpans() {
    ReceivedSpan span = request("/items/dialects", "X-Session-Id", "sess-dialects", "X-User-Id", ALICE);
    assertAll(
        () -> assertEquals("sess-dialects", span.string("langfuse.session.id")),
        () -> assertEquals(sha256Prefix(ALICE), span.string("langfuse.user.id")),
        () -> assertEquals("CHAIN", span.string("openinference.span.kind")));
  }

  @Test
  @Order(3)
  void derivedSessionResumedAfterItsTimeoutGetsANewIdNamingTheOldOne() {
    String before = request("/items/derived-1", "X-User-Id", FRANK).string(SESSION_ID);
    assertNotNull(before, "no derived session");
    ReceivedSpan ended = awaitSummary(session(before));
    assertEquals("inactive", ended.string("session.end_reason"));

    String after = request("/items/derived-2", "X-User-Id", FRANK).string(SESSION_ID);
    assertNotEquals(before, after, "the derived session was not renewed after its timeout");
    app.jvm().close(); // ends "after" with reason shutdown

    ReceivedSpan resumed = awaitSummary(session(after));
    assertEquals(before, resumed.string("session.previous_id"), "session.previous_id");
    assertEquals("shutdown", resumed.string("session.end_reason"));
  }

  @Test
  @Order(4)
  void eachSessionHasExactlyOneSummaryAfterShutdown() {
    app.jvm().close();
    List<ReceivedSpan> summaries = app.spansAfterSettling(span -> "session".equals(span.name()));
    assertEquals(
        summaries.size(),
        summaries.stream().map(span -> span.string(SESSION_ID)).distinct().count(),
        "a session summarised twice: " + summaries);
    assertTrue(
        summaries.stream().anyMatch(span -> "sess-dialects".equals(span.string(SESSION_ID))),
        "no summary of sess-dialects: " + summaries);
    for (ReceivedSpan summary : summaries) {
      String reason = summary.string("session.end_reason");
      assertTrue("inactive".equals(reason) || "shutdown".equals(reason), summary.toString());
    }
  }

  private ReceivedSpan request(String path, String... headers) {
    assertEquals(200, app.get(path, headers).status(), "status of " + path);
    return app.awaitServerSpan(path);
  }

  private static Predicate<ReceivedSpan> session(String sessionId) {
    return span -> "session".equals(span.name()) && sessionId.equals(span.string(SESSION_ID));
  }

  private ReceivedSpan awaitSummary(Predicate<ReceivedSpan> predicate) {
    try {
      return app.telemetry().awaitSingleSpan(predicate, SUMMARY_WAIT);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + app.jvm().diagnostics(), e);
    }
  }
}
