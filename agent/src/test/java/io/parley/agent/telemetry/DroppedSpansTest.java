package io.parley.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What the agent says about spans it could not deliver: counted, exact, rate-limited. */
class DroppedSpansTest {

  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong nanos = new AtomicLong();
  private final ParleyLog log = new ParleyLog(lines::add, nanos::get);
  private final DroppedSpans dropped = new DroppedSpans(log, nanos::get, TimeUnit.MINUTES.toNanos(1));

  @Test
  void theFirstDropIsReportedAtOnceTheNextOnesAtMostOncePerIntervalWithNothingLost() {
    dropped.queueSize(50);
    dropped.queueFull(10);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).contains("10 span(s) dropped since the last report, 10 since start"), lines.get(0));
    assertTrue(lines.get(0).contains("otel.bsp.max.queue.size (50)"), lines.get(0));

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    dropped.queueFull(5);
    dropped.backlogFull(7);
    assertEquals(1, lines.size(), "rate-limited");

    nanos.addAndGet(TimeUnit.MINUTES.toNanos(1));
    dropped.maybeReport();
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).contains("12 span(s) dropped since the last report, 22 since start"), lines.get(1));
    assertTrue(lines.get(1).contains("export queue full: 15, retry backlog full: 7"), lines.get(1));

    dropped.backlogFull(1);
    dropped.undeliveredAtExit(3);
    assertEquals(3, lines.size(), "at exit the rest is reported at once");
    assertTrue(lines.get(2).contains("4 span(s) dropped since the last report, 26 since start"), lines.get(2));
    assertEquals(26, dropped.total());
  }

  @Test
  void nothingIsLoggedWhenNothingWasDropped() {
    dropped.maybeReport();
    dropped.undeliveredAtExit(0);
    assertTrue(lines.isEmpty(), lines.toString());
  }

  @Test
  void onlyTheBatchProcessorsQueueFullLineIsTakenForACount() {
    assertTrue(
        dropped.queueFullLogLine(
            "BatchSpanProcessor dropped 536 span(s) since the last export because the queue is full (maxQueueSize=50)"));
    assertEquals(536, dropped.total());
    assertFalse(dropped.queueFullLogLine("Failed to export 50 spans. The request could not be executed."));
    assertFalse(dropped.queueFullLogLine(null));
    assertFalse(dropped.queueFullLogLine("BatchSpanProcessor dropped 99999999999999999999999 span(s) since the last export because the queue is full"));
    assertEquals(536, dropped.total());
  }

  @Test
  void theSdkRateLimitKeyIgnoresCounts() {
    assertEquals(
        OtelLogForwarder.head("Failed to export 12 spans. The request could not be executed."),
        OtelLogForwarder.head("Failed to export 789 spans. The request could not be executed."));
  }

  /**
   * Against the real SDK: a batch processor whose exporter is stuck drops spans once its queue is
   * full, and the forwarder turns the SDK's line into an exact count. Guards the parsing against
   * SDK upgrades that change the line.
   */
  @Test
  void theRealBatchProcessorsDropsAreCountedExactly() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger exported = new AtomicInteger();
    SpanExporter stuck =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            exported.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    Logger sdkLogger = Logger.getLogger("io.opentelemetry.sdk.trace.export");
    OtelLogForwarder forwarder = new OtelLogForwarder(log, dropped);
    Level level = sdkLogger.getLevel();
    sdkLogger.setLevel(Level.WARNING);
    sdkLogger.addHandler(forwarder);
    try {
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(
                  BatchSpanProcessor.builder(stuck)
                      .setMaxQueueSize(10)
                      .setMaxExportBatchSize(5)
                      .setScheduleDelay(10, TimeUnit.MILLISECONDS)
                      .build())
              .build();
      Tracer tracer = provider.get("test");
      int produced = 200;
      for (int i = 0; i < produced; i++) {
        tracer.spanBuilder("span-" + i).startSpan().end();
        if (i == 5) {
          Thread.sleep(100); // the worker takes a first batch and blocks in the exporter
        }
      }
      release.countDown();
      provider.shutdown().join(10, TimeUnit.SECONDS);
      assertTrue(exported.get() < produced, "some were dropped");
      assertEquals(produced, exported.get() + dropped.total(), "every span exported or counted: " + lines);
      assertTrue(lines.stream().noneMatch(line -> line.contains("BatchSpanProcessor dropped")), "said in Parley's words");
    } finally {
      sdkLogger.removeHandler(forwarder);
      sdkLogger.setLevel(level);
    }
  }
}
