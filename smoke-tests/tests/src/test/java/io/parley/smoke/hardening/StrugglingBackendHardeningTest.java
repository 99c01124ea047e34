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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §7, backend faults: a receiver that answers every export after 2 seconds, or with 500, or
 * with 503 (which the OTLP exporter retries). The application's latency is what it is with a
 * healthy receiver (median within a generous bound, no request over a second), and once the
 * receiver is healthy again the spans of the failed exports arrive after all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class StrugglingBackendHardeningTest {

  /** Per phase, 50 ms apart: each phase lasts a few seconds, several exports long. */
  private static final int REQUESTS = 60;
  private static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(1);
  /** Slower than healthy by at most this factor plus {@link #SLACK_NANOS}: the machine is shared. */
  private static final double MEDIAN_FACTOR = 2.0;
  private static final long SLACK_NANOS = 5_000_000L;

  private final HardeningReport report = new HardeningReport(StrugglingBackendHardeningTest.class);
  private OtlpHttpReceiver receiver;
  private AgentJvm jvm;
  private long healthyMedian;
  private final List<String> failedPhasePaths = new ArrayList<>();

  @BeforeAll
  void launch() {
    receiver = OtlpHttpReceiver.start();
    jvm =
        AgentJvm.app("hardening-struggling-backend", SmokeEnvironment.jettyJavaxJar())
            .otlp(receiver.endpoint(), "http/protobuf")
            .start();
  }

  @AfterAll
  void stop() {
    try {
      if (jvm != null) {
        jvm.close();
      }
    } finally {
      if (receiver != null) {
        receiver.close();
      }
      report.print();
    }
  }

  @Test
  @Order(1)
  void healthyReceiverBaseline() {
    phase("warmup", REQUESTS); // JIT and connection pools, not measured
    healthyMedian = median(phase("healthy", REQUESTS));
    receiver.telemetry().awaitSpans(span -> span.isServer() && span.string("url.path").startsWith("/items/healthy-"),
        REQUESTS, Duration.ofSeconds(20));
    report.note("healthy median", micros(healthyMedian));
  }

  @Test
  @Order(2)
  void slowReceiverDoesNotSlowTheApplication() {
    receiver.delayEachExport(Duration.ofSeconds(2));
    try {
      long[] took = phase("slow", REQUESTS);
      assertUnaffected("2 s per export", took);
      assertTrue(receiver.delayedExportCount() > 0, "the receiver was slow while requests ran");
    } finally {
      receiver.delayEachExport(Duration.ZERO);
    }
    report.add("exports answered after 2 s", receiver.delayedExportCount());
  }

  @Test
  @Order(3)
  void failingReceiverDoesNotSlowTheApplication() throws InterruptedException {
    for (int status : new int[] {500, 503}) {
      receiver.failWith(status);
      int rejectedBefore = receiver.rejectedExportCount();
      try {
        long[] took = phase("status-" + status, REQUESTS);
        assertUnaffected("every export answered " + status, took);
        Thread.sleep(500); // at least one export attempt while failing
        assertTrue(receiver.rejectedExportCount() > rejectedBefore, "exports were answered " + status);
      } finally {
        receiver.failWith(0);
      }
      for (int i = 0; i < REQUESTS; i++) {
        failedPhasePaths.add("/items/status-" + status + "-" + i);
      }
    }
    report.add("exports answered 500 or 503", receiver.rejectedExportCount());
  }

  @Test
  @Order(4)
  void spansOfFailedExportsArriveOnceTheReceiverIsHealthy() {
    List<ReceivedSpan> arrived =
        receiver.telemetry()
            .awaitSpans(
                span -> span.isServer() && failedPhasePaths.contains(span.string("url.path")),
                failedPhasePaths.size(),
                Duration.ofSeconds(60));
    assertEquals(
        failedPhasePaths.size(),
        arrived.stream().map(span -> span.string("url.path")).distinct().count());
    report.add("spans of failed exports delivered later", failedPhasePaths.size());
    assertFalse(jvm.stderr().contains("\tat "), "no stack trace in the agent's log\n" + jvm.diagnostics());
  }

  private void assertUnaffected(String fault, long[] took) {
    long median = median(took);
    long max = Arrays.stream(took).max().orElse(0);
    report.note("median with " + fault, micros(median));
    report.note("max with " + fault, micros(max));
    report.add("requests timed", took.length);
    assertAll(
        fault,
        () -> assertTrue(max < MAX_REQUEST_TIME.toNanos(), "slowest request " + micros(max)),
        () ->
            assertTrue(
                median <= healthyMedian * MEDIAN_FACTOR + SLACK_NANOS,
                "median " + micros(median) + " against " + micros(healthyMedian) + " with a healthy receiver"));
  }

  /** {@code count} requests, paced so that the batch processor exports in between; their times. */
  private long[] phase(String name, int count) {
    long[] took = new long[count];
    for (int i = 0; i < count; i++) {
      String path = "/items/" + name + "-" + i;
      long start = System.nanoTime();
      SmokeHttp.Response response = SmokeHttp.get(jvm.uri(path));
      took[i] = System.nanoTime() - start;
      assertEquals(200, response.status(), path);
      assertEquals("an item", response.body(), path);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return took;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String micros(long nanos) {
    return String.format("%.1f ms", nanos / 1e6);
  }
}
