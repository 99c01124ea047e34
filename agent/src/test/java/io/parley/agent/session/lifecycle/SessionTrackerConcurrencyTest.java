package io.parley.agent.session.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.Clock;
import io.parley.agent.log.ParleyLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads, real clock: exact counts, unique turn numbers, the sweeper thread. */
@Timeout(60)
class SessionTrackerConcurrencyTest {

  private final List<SessionSummary> ended =
      Collections.synchronizedList(new ArrayList<SessionSummary>());
  private final ParleyLog log = new ParleyLog(line -> {}, System::nanoTime);

  private SessionTracker tracker(Duration timeout, int max) {
    return new SessionTracker(
        timeout, max, Clock.getDefault(),
        Collections.<SessionEndListener>singletonList(ended::add), log);
  }

  @Test
  void manyThreadsInOneSessionKeepExactCountsAndUniqueTurns() throws Exception {
    final SessionTracker tracker = tracker(Duration.ofMinutes(30), 100);
    final int threads = 16;
    final int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    final CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final int thread = t;
      results.add(
          pool.submit(
              () -> {
                go.await();
                List<Long> turns = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                  TrackedRequest request = tracker.requestStarted("shared", "u", null);
                  turns.add(tracker.nextTurn(request, null));
                  tracker.llmCallEnded(request, "m" + (i % 3), 3L, 2L, 0.5, i % 10 == 0);
                  tracker.requestEnded(request, i % 100 == 0, true);
                  if (thread == 0 && i % 50 == 0) {
                    tracker.sweep(); // the sweeper runs meanwhile and must find nothing to end
                  }
                }
                return turns;
              }));
    }
    go.countDown();
    BitSet seen = new BitSet();
    for (Future<List<Long>> result : results) {
      for (long turn : result.get()) {
        assertTrue(!seen.get((int) turn), "turn " + turn + " handed out twice");
        seen.set((int) turn);
      }
    }
    pool.shutdown();
    tracker.shutdown();

    long total = (long) threads * perThread;
    assertEquals(1, ended.size(), ended.toString());
    SessionSummary summary = ended.get(0);
    assertEquals(total, seen.cardinality());
    assertEquals(total, seen.nextClearBit(1) - 1, "turns 1.." + total);
    assertEquals(total, summary.requestCount());
    assertEquals(total, summary.turns());
    assertEquals(3 * total, summary.inputTokens());
    assertEquals(2 * total, summary.outputTokens());
    assertEquals(0.5 * total, summary.costUsd(), 0.0);
    assertEquals(total / 10 + total / 100, summary.errorCount());
    assertEquals(3, summary.models().size());
  }

  @Test
  void manyThreadsWithManySessionsStayWithinTheBound() throws Exception {
    final int max = 500;
    final SessionTracker tracker = tracker(Duration.ofMinutes(30), max);
    final int threads = 8;
    final int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final int thread = t;
      results.add(
          pool.submit(
              () -> {
                int peak = 0;
                for (int i = 0; i < perThread; i++) {
                  String session = "t" + thread + "-" + i;
                  TrackedRequest request = tracker.requestStarted(session, null, null);
                  tracker.llmCallEnded(request, "m", 1L, 1L, null, false);
                  tracker.requestEnded(request, false, true);
                  peak = Math.max(peak, tracker.size());
                }
                return peak;
              }));
    }
    int peak = 0;
    for (Future<Integer> result : results) {
      peak = Math.max(peak, result.get());
    }
    pool.shutdown();
    // past max a new session waits for the running eviction; only those already inserting pass
    assertTrue(peak <= max + Math.max(16, max / 16) + threads, "peak " + peak);
    assertTrue(tracker.size() <= max, "size " + tracker.size());
    assertEquals(
        (long) threads * perThread, tracker.size() + ended.size(), "open + ended = all sessions");
    tracker.shutdown();

    long requests = 0;
    for (SessionSummary summary : ended) {
      requests += summary.requestCount();
    }
    assertEquals((long) threads * perThread, requests, "every request in exactly one summary");
    assertEquals((long) threads * perThread, ended.size());
  }

  @Test
  void sweeperIsADaemonThreadNamedParleySessionsThatEndsInactiveSessions() throws Exception {
    SessionTracker tracker = tracker(Duration.ofMillis(200), 100);
    tracker.startSweeper();
    tracker.requestEnded(tracker.requestStarted("idle", null, null), false, false);

    Thread sweeper = null;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("parley-sessions")) {
        sweeper = thread;
      }
    }
    assertTrue(sweeper != null && sweeper.isDaemon(), "no daemon thread parley-sessions");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ended.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, ended.size());
    assertEquals(SessionEndReason.INACTIVE, ended.get(0).endReason());
    tracker.shutdown();
    sweeper.join(5_000);
    assertTrue(!sweeper.isAlive(), "sweeper still running after shutdown");
  }
}
