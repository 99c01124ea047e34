package io.parley.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.api.trace.SpanKind;
import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SPEC §7: spans of failed exports wait in a bounded backlog; what does not fit is counted. */
class BackloggingSpanExporterTest {

  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  private final ParleyLog log = new ParleyLog(logLines::add, System::nanoTime);
  private final DroppedSpans dropped = new DroppedSpans(log);
  private final Backend backend = new Backend();

  /** A backend that is down until told otherwise, and remembers what it received, in order. */
  static final class Backend implements SpanExporter {
    final AtomicBoolean up = new AtomicBoolean(true);
    final AtomicInteger attempts = new AtomicInteger();
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    volatile boolean throwing;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      attempts.incrementAndGet();
      if (throwing) {
        throw new IllegalStateException("exporter bug");
      }
      if (!up.get()) {
        return CompletableResultCode.ofFailure();
      }
      for (SpanData span : spans) {
        received.add(span.getName());
      }
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
  }

  private BackloggingSpanExporter exporter(int maxBacklog, int maxBatch, long retryMillis) {
    return new BackloggingSpanExporter(backend, maxBacklog, maxBatch, 1_000, retryMillis, dropped, log);
  }

  private static List<SpanData> spans(String prefix, int count) {
    List<SpanData> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      spans.add(
          TestSpanData.builder()
              .setName(prefix + i)
              .setKind(SpanKind.SERVER)
              .setStartEpochNanos(1)
              .setEndEpochNanos(2)
              .setHasEnded(true)
              .setStatus(StatusData.unset())
              .build());
    }
    return spans;
  }

  private static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  @Test
  void aHealthyBackendGetsEachBatchAsItComes() {
    BackloggingSpanExporter exporter = exporter(100, 10, 60_000);
    assertTrue(exporter.export(spans("a", 3)).isSuccess());
    assertTrue(exporter.export(spans("b", 2)).isSuccess());
    List<String> expected = new ArrayList<>(names("a", 3));
    expected.addAll(names("b", 2));
    assertEquals(expected, backend.received);
    assertEquals(0, exporter.waiting());
    assertEquals(0, dropped.total());
  }

  @Test
  void batchesThatFailWaitAndGoOutOldestFirstWhenTheBackendReturns() {
    BackloggingSpanExporter exporter = exporter(100, 4, 60_000);
    backend.up.set(false);
    exporter.export(spans("a", 5));
    exporter.export(spans("b", 5));
    assertEquals(10, exporter.waiting());
    assertTrue(backend.received.isEmpty());

    backend.up.set(true);
    exporter.export(spans("c", 2));
    List<String> expected = new ArrayList<>(names("a", 5));
    expected.addAll(names("b", 5));
    expected.addAll(names("c", 2));
    assertEquals(expected, backend.received, "every span once, in the order they ended");
    assertEquals(0, exporter.waiting());
    assertEquals(0, dropped.total());
  }

  @Test
  void whatDoesNotFitTheBacklogIsCountedAndReported() {
    BackloggingSpanExporter exporter = exporter(10, 10, 60_000);
    backend.up.set(false);
    exporter.export(spans("a", 8));
    exporter.export(spans("b", 8));
    assertEquals(10, exporter.waiting());
    assertEquals(6, dropped.total());
    assertTrue(
        logLines.stream().anyMatch(line -> line.contains("6 span(s) dropped") && line.contains("6 since start")),
        logLines.toString());

    backend.up.set(true);
    exporter.export(spans("c", 1));
    assertEquals(11, backend.received.size(), "the ten that waited and the new one");
  }

  @Test
  void theRetryThreadSendsWhatWaitsWithoutNewSpans() throws InterruptedException {
    BackloggingSpanExporter exporter = exporter(100, 10, 50);
    backend.up.set(false);
    exporter.export(spans("a", 7));
    backend.up.set(true);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (backend.received.size() < 7 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(names("a", 7), backend.received);
    assertTrue(logLines.stream().anyMatch(line -> line.contains("telemetry export works again")), logLines.toString());
    exporter.shutdown();
  }

  @Test
  void shutdownSendsWhatItCanAndCountsTheRest() {
    BackloggingSpanExporter exporter = exporter(100, 10, 60_000);
    backend.up.set(false);
    exporter.export(spans("a", 4));
    exporter.shutdown();
    assertEquals(4, dropped.total());
    assertTrue(logLines.stream().anyMatch(line -> line.contains("undelivered at exit: 4")), logLines.toString());
    exporter.countWaitingAtExit();
    assertEquals(4, dropped.total(), "counted once");
  }

  @Test
  void anExporterThatThrowsNeverReachesTheCaller() {
    BackloggingSpanExporter exporter = exporter(100, 10, 60_000);
    backend.throwing = true;
    CompletableResultCode result = exporter.export(spans("a", 3));
    assertFalse(result.isSuccess());
    assertEquals(3, exporter.waiting(), "kept for a retry");
    backend.throwing = false;
    exporter.export(spans("b", 1));
    assertEquals(4, backend.received.size());
  }

  @Test
  void aZeroBacklogDropsAndCountsEveryFailedSpan() {
    BackloggingSpanExporter exporter = exporter(0, 10, 60_000);
    backend.up.set(false);
    exporter.export(spans("a", 5));
    assertEquals(0, exporter.waiting());
    assertEquals(5, dropped.total());
  }
}
