package io.parley.smoke.hardening;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §7, backend faults: the OTLP receiver goes away for 30 seconds and comes back. Two
 * applications live through the same outage: one produces fewer spans than its queue holds, and
 * every one of them must arrive after the receiver is back; the other has a queue of 50
 * ({@code OTEL_BSP_MAX_QUEUE_SIZE=50}) and produces far more, and what it could not keep must be
 * counted in the agent's log, exactly: received + reported dropped = produced. Requests are served
 * as usual throughout.
 */
@Timeout(240)
class BackendOutageHardeningTest {

  private static final Duration OUTAGE = Duration.ofSeconds(30);
  /** Fewer than the default queue (2048) can hold. */
  private static final int WITHIN_BOUND = 300;
  /** Far more than a queue of 50 (plus a retry backlog of 50) can hold. */
  private static final int BEYOND_BOUND = 600;
  private static final int SMALL_QUEUE = 50;
  private static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(1);
  private static final Pattern DROPPED_TOTAL = Pattern.compile("(\\d+) since start");

  private static final HardeningReport report = new HardeningReport(BackendOutageHardeningTest.class);

  @AfterAll
  static void printCounts() {
    report.print();
  }

  @Test
  void spansWithinTheQueueBoundSurviveAThirtySecondOutageAndWhatExceedsItIsCounted() throws Exception {
    int withinPort = AgentJvm.freePort();
    int beyondPort = AgentJvm.freePort();
    OtlpHttpReceiver before = OtlpHttpReceiver.start(withinPort);
    AgentJvm within =
        AgentJvm.app("hardening-outage-within-bound", SmokeEnvironment.jettyJavaxJar())
            .otlp(before.endpoint(), "http/protobuf")
            .start();
    AgentJvm beyond =
        AgentJvm.app("hardening-outage-small-queue", SmokeEnvironment.jettyJavaxJar())
            .otlp("http://127.0.0.1:" + beyondPort, "http/protobuf")
            .env("OTEL_BSP_MAX_QUEUE_SIZE", String.valueOf(SMALL_QUEUE))
            .env("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", String.valueOf(SMALL_QUEUE))
            .start();
    OtlpHttpReceiver after = null;
    OtlpHttpReceiver beyondReceiver = null;
    try {
      // healthy first: the agent is known to export to this port
      assertEquals(200, SmokeHttp.get(within.uri("/items/before-outage")).status());
      before.telemetry().awaitSpans(span -> span.isServer(), 2, Duration.ofSeconds(20));
      before.close();
      report.add("faults injected (receiver outages)", 1);

      long outageEnds = System.nanoTime() + OUTAGE.toNanos();
      long slowest = 0;
      int sentWithin = 0;
      int sentBeyond = 0;
      // the small-queue application gets its spans first, in a burst, then both share the outage
      for (; sentBeyond < BEYOND_BOUND; sentBeyond++) {
        slowest = Math.max(slowest, timedGet(beyond, "/items/beyond-" + sentBeyond));
      }
      long pause = OUTAGE.toNanos() / (WITHIN_BOUND + 1);
      for (; sentWithin < WITHIN_BOUND; sentWithin++) {
        slowest = Math.max(slowest, timedGet(within, "/items/outage-" + sentWithin));
        Thread.sleep(pause / 1_000_000L);
      }
      while (System.nanoTime() < outageEnds) {
        Thread.sleep(100);
      }
      report.add("requests during the outage", sentWithin + sentBeyond);
      report.note("slowest request during the outage", slowest / 1_000_000L + " ms");
      assertTrue(
          slowest < MAX_REQUEST_TIME.toNanos(),
          "a request took " + slowest / 1_000_000L + " ms while the backend was down");

      after = OtlpHttpReceiver.start(withinPort);
      beyondReceiver = OtlpHttpReceiver.start(beyondPort);
      List<ReceivedSpan> arrived =
          after.telemetry()
              .awaitSpans(
                  span -> span.isServer() && span.string("url.path").startsWith("/items/outage-"),
                  WITHIN_BOUND,
                  Duration.ofSeconds(60));
      assertEquals(WITHIN_BOUND, distinctPaths(arrived), "each span once");
      report.add("spans produced during the outage within the bound", WITHIN_BOUND);
      report.add("of them arrived after recovery", distinctPaths(arrived));

      // the small-queue application: wait until nothing more arrives, then stop it so that its
      // final count is logged
      int received = settle(beyondReceiver);
      beyond.close();
      int produced = BEYOND_BOUND + 1; // plus the launcher's readiness request
      received = beyondReceiver.telemetry().spans(ReceivedSpan::isServer).size();
      long dropped = lastDroppedTotal(beyond.stderr());
      report.add("spans produced beyond the bound (queue " + SMALL_QUEUE + ")", produced);
      report.add("of them arrived", received);
      report.add("of them reported dropped", dropped);
      int receivedFinal = received;
      assertAll(
          () -> assertTrue(receivedFinal >= SMALL_QUEUE, "at least a queue's worth arrived: " + receivedFinal),
          () -> assertTrue(receivedFinal < produced, "the small queue cannot have kept everything"),
          () -> assertEquals(produced, receivedFinal + dropped,
              "every span either arrived or was counted as dropped\n" + beyond.diagnostics()));
      assertFalse(beyond.stderr().contains("\tat "), "no stack trace in the agent's log\n" + beyond.diagnostics());
      assertFalse(within.stderr().contains("\tat "), "no stack trace in the agent's log\n" + within.diagnostics());
    } finally {
      within.close();
      beyond.close();
      before.close();
      if (after != null) {
        after.close();
      }
      if (beyondReceiver != null) {
        beyondReceiver.close();
      }
    }
  }

  private static long timedGet(AgentJvm jvm, String path) {
    long start = System.nanoTime();
    SmokeHttp.Response response = SmokeHttp.get(jvm.uri(path));
    long took = System.nanoTime() - start;
    assertEquals(200, response.status(), path);
    assertEquals("an item", response.body(), path);
    return took;
  }

  private static long distinctPaths(List<ReceivedSpan> spans) {
    return spans.stream().map(span -> span.string("url.path")).distinct().count();
  }

  /** Waits until no new span has arrived for a few seconds; returns how many did. */
  private static int settle(OtlpHttpReceiver receiver) throws InterruptedException {
    int seen = -1;
    long quietSince = System.nanoTime();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      int now = receiver.telemetry().spans().size();
      if (now != seen) {
        seen = now;
        quietSince = System.nanoTime();
      } else if (now > 0 && System.nanoTime() - quietSince > Duration.ofSeconds(4).toNanos()) {
        break;
      }
      Thread.sleep(200);
    }
    return seen;
  }

  /** The last "N since start" the agent logged about dropped spans; 0 when it logged none. */
  static long lastDroppedTotal(String stderr) {
    long total = 0;
    for (String line : stderr.lines().toList()) {
      if (line.startsWith("[parley]") && line.contains("dropped")) {
        Matcher matcher = DROPPED_TOTAL.matcher(line);
        if (matcher.find()) {
          total = Math.max(total, Long.parseLong(matcher.group(1)));
        }
      }
    }
    return total;
  }
}
