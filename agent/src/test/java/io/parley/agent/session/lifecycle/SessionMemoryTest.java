package io.parley.agent.session.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.testing.time.TestClock;
import io.parley.agent.log.ParleyLog;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded whatever the number of distinct sessions (SPEC §7): measures the heap one
 * open session costs, then pushes 100,000 sessions through a tracker bounded to 1,000.
 */
class SessionMemoryTest {

  private static final int MAX = 1_000;
  private static final int DISTINCT_SESSIONS = 100_000;
  /** Generous: the measured cost is about a third of this (see the test output). */
  private static final long BYTES_PER_SESSION_BUDGET = 1_024;

  private final TestClock clock = TestClock.create();
  private final ParleyLog log = new ParleyLog(line -> {}, System::nanoTime);
  private final Map<SessionEndReason, Long> endedByReason = new EnumMap<>(SessionEndReason.class);

  private SessionTracker tracker(int max) {
    return new SessionTracker(
        Duration.ofMinutes(30),
        max,
        clock,
        Collections.<SessionEndListener>singletonList(
            summary -> {
              synchronized (endedByReason) {
                endedByReason.merge(summary.endReason(), 1L, Long::sum);
              }
            }),
        log);
  }

  /** One request of a new session with one priced LLM call, ids shaped like real ones. */
  private void session(SessionTracker tracker, int i) {
    String sessionId = String.format("sess-%032x", i);
    String userId = String.format("%016x", i * 31L);
    TrackedRequest request = tracker.requestStarted(sessionId, userId, null);
    tracker.nextTurn(request, null);
    tracker.llmCallEnded(request, "gpt-4o-mini-2024-07-18", 1200L, 300L, 0.0004, false);
    tracker.requestEnded(request, false, true);
    clock.advance(Duration.ofMillis(1));
  }

  @Test
  void heapPerOpenSessionIsSmall() {
    int sessions = 20_000;
    long before = usedHeap();
    SessionTracker tracker = tracker(sessions);
    for (int i = 0; i < sessions; i++) {
      session(tracker, i);
    }
    long after = usedHeap();
    assertEquals(sessions, tracker.size());
    long perSession = (after - before) / sessions;
    System.out.printf(
        "[session memory] %,d open sessions: heap delta %,d bytes = %,d bytes per session%n",
        sessions, after - before, perSession);
    assertTrue(perSession < BYTES_PER_SESSION_BUDGET, perSession + " bytes per session");
    tracker.shutdown();
  }

  @Test
  void hundredThousandDistinctSessionsLeaveAtMostMaxEntries() {
    long before = usedHeap();
    SessionTracker tracker = tracker(MAX);
    long start = System.nanoTime();
    for (int i = 0; i < DISTINCT_SESSIONS; i++) {
      session(tracker, i);
      assertTrue(tracker.size() <= MAX, "size " + tracker.size() + " after session " + i);
    }
    long millis = (System.nanoTime() - start) / 1_000_000L;
    long after = usedHeap();

    long evicted = tracker.evictedCount();
    System.out.printf(
        "[session memory] %,d distinct sessions through parley.session.max=%,d in %,d ms:"
            + " %,d open, %,d evicted and summarised, heap delta %,d bytes (%,d per open session)%n",
        DISTINCT_SESSIONS, MAX, millis, tracker.size(), evicted, after - before,
        (after - before) / Math.max(1, tracker.size()));
    // evictions end the least recently active 5% at a time
    assertTrue(tracker.size() <= MAX && tracker.size() >= MAX - MAX / 20, "" + tracker.size());
    assertEquals(DISTINCT_SESSIONS - tracker.size(), evicted);
    assertEquals(evicted, (long) endedByReason.get(SessionEndReason.EVICTED), "one summary each");
    assertTrue(
        after - before < MAX * BYTES_PER_SESSION_BUDGET + 2_000_000L,
        "heap grew by " + (after - before) + " bytes");

    int open = tracker.size();
    tracker.shutdown();
    assertEquals(open, (long) endedByReason.get(SessionEndReason.SHUTDOWN));
  }

  private static long usedHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
