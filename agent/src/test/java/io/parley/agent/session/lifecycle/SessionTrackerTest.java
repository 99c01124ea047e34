package io.parley.agent.session.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.testing.time.TestClock;
import io.parley.agent.log.ParleyLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The tracker's rules with a hand-moved clock: timeout, eviction, shutdown, totals, turns. */
class SessionTrackerTest {

  static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final TestClock clock = TestClock.create();
  private final List<SessionSummary> ended = new CopyOnWriteArrayList<>();
  private final List<String> logLines = new ArrayList<>();

  private SessionTracker tracker(int max) {
    return new SessionTracker(
        TIMEOUT,
        max,
        clock,
        Collections.<SessionEndListener>singletonList(ended::add),
        new ParleyLog(logLines::add, clock::nanoTime));
  }

  /** One whole request of {@code session} without LLM calls. */
  private static void request(SessionTracker tracker, String session) {
    tracker.requestEnded(tracker.requestStarted(session, "user-1", null), false, false);
  }

  private SessionSummary onlyEnded() {
    assertEquals(1, ended.size(), ended.toString());
    return ended.get(0);
  }

  @Test
  void sessionInactiveForTheTimeoutEndsWithReasonInactive() {
    SessionTracker tracker = tracker(100);
    long start = clock.now();
    request(tracker, "s1");

    clock.advance(TIMEOUT.minusMillis(1));
    assertEquals(0, tracker.sweep());
    assertEquals(1, tracker.size());

    clock.advance(Duration.ofMillis(1));
    assertEquals(1, tracker.sweep());
    SessionSummary summary = onlyEnded();
    assertEquals("s1", summary.sessionId());
    assertEquals(SessionEndReason.INACTIVE, summary.endReason());
    assertEquals(start, summary.startEpochNanos());
    assertEquals(start, summary.endEpochNanos(), "last activity, not the sweep's time");
    assertEquals(0, tracker.size());
  }

  @Test
  void activityPostponesTheTimeout() {
    SessionTracker tracker = tracker(100);
    request(tracker, "s1");
    clock.advance(Duration.ofMinutes(20));
    long last = clock.now();
    request(tracker, "s1");
    clock.advance(Duration.ofMinutes(20));
    assertEquals(0, tracker.sweep());

    clock.advance(Duration.ofMinutes(10));
    assertEquals(1, tracker.sweep());
    assertEquals(2, onlyEnded().requestCount());
    assertEquals(last, onlyEnded().endEpochNanos());
    assertEquals(Duration.ofMinutes(20).toMillis(), onlyEnded().durationMillis());
  }

  @Test
  void aRequestInFlightKeepsItsSessionOpen() {
    SessionTracker tracker = tracker(100);
    TrackedRequest slow = tracker.requestStarted("s1", null, null);
    clock.advance(TIMEOUT.multipliedBy(2).minusMillis(1));
    assertEquals(0, tracker.sweep());

    tracker.requestEnded(slow, false, false);
    clock.advance(TIMEOUT);
    assertEquals(1, tracker.sweep());
    assertEquals(1, onlyEnded().requestCount());
  }

  @Test
  void aRequestWhoseEndWasLostStillEndsItsSessionEventually() {
    SessionTracker tracker = tracker(100);
    tracker.requestStarted("s1", null, null); // never ended
    clock.advance(TIMEOUT.multipliedBy(2));
    assertEquals(1, tracker.sweep());
    assertEquals(SessionEndReason.INACTIVE, onlyEnded().endReason());
  }

  @Test
  void atMaxTheLeastRecentlyActiveSessionIsEvictedAndCounted() {
    SessionTracker tracker = tracker(3);
    for (String session : new String[] {"a", "b", "c"}) {
      request(tracker, session);
      clock.advance(Duration.ofSeconds(1));
    }
    request(tracker, "a"); // now b is the least recently active
    clock.advance(Duration.ofSeconds(1));

    request(tracker, "d");

    SessionSummary summary = onlyEnded();
    assertEquals("b", summary.sessionId());
    assertEquals(SessionEndReason.EVICTED, summary.endReason());
    assertEquals(1, tracker.evictedCount());
    assertEquals(3, tracker.size());
    assertTrue(logLines.toString().contains("parley.session.max (3)"), logLines.toString());
  }

  @Test
  void sessionsWithARequestInFlightAreEvictedLast() {
    SessionTracker tracker = tracker(2);
    TrackedRequest running = tracker.requestStarted("busy-and-oldest", null, null);
    clock.advance(Duration.ofSeconds(1));
    request(tracker, "idle");
    clock.advance(Duration.ofSeconds(1));
    request(tracker, "new");

    assertEquals("idle", onlyEnded().sessionId());
    tracker.requestEnded(running, false, false);
  }

  @Test
  void shutdownEndsEveryOpenSessionWithReasonShutdownAndStopsTracking() {
    SessionTracker tracker = tracker(100);
    request(tracker, "old");
    clock.advance(TIMEOUT);
    tracker.sweep();
    request(tracker, "s1");
    request(tracker, "s2");

    tracker.shutdown();

    assertEquals(3, ended.size());
    assertEquals(SessionEndReason.INACTIVE, ended.get(0).endReason());
    List<String> shut = new ArrayList<>();
    for (SessionSummary summary : ended.subList(1, 3)) {
      assertEquals(SessionEndReason.SHUTDOWN, summary.endReason());
      shut.add(summary.sessionId());
    }
    Collections.sort(shut);
    assertEquals(Arrays.asList("s1", "s2"), shut);
    assertEquals(0, tracker.size());
    assertNull(tracker.requestStarted("s3", null, null), "tracked after shutdown");
  }

  @Test
  void totalsAreTheSumsOfTheRequestsAndCalls() {
    SessionTracker tracker = tracker(100);
    long start = clock.now();
    TrackedRequest first = tracker.requestStarted("s1", "user-1", null);
    assertEquals(1, tracker.nextTurn(first, null));
    tracker.llmCallEnded(first, "gpt-4o-mini-2024-07-18", 1000L, 200L, 0.25, false);
    tracker.llmCallEnded(first, "claude-sonnet-4", 10L, null, null, true);
    tracker.requestEnded(first, false, true);
    clock.advance(Duration.ofSeconds(3));

    TrackedRequest second = tracker.requestStarted("s1", "user-2", null);
    tracker.requestEnded(second, true, false); // a 500 without LLM calls
    clock.advance(Duration.ofSeconds(2));

    TrackedRequest third = tracker.requestStarted("s1", null, null);
    assertEquals(2, tracker.nextTurn(third, null));
    tracker.llmCallEnded(third, "gpt-4o-mini-2024-07-18", 5L, 7L, 0.5, false);
    long last = clock.now();
    tracker.requestEnded(third, false, true);
    tracker.shutdown();

    SessionSummary summary = onlyEnded();
    assertEquals("user-1", summary.userId(), "the first user seen");
    assertEquals(start, summary.startEpochNanos());
    assertEquals(last, summary.endEpochNanos());
    assertEquals(5000, summary.durationMillis());
    assertEquals(3, summary.requestCount());
    assertEquals(2, summary.turns());
    assertEquals(1015, summary.inputTokens());
    assertEquals(207, summary.outputTokens());
    assertEquals(1222, summary.totalTokens());
    assertEquals(0.75, summary.costUsd(), 0.0);
    assertEquals(2, summary.errorCount(), "one failed request, one failed call");
    assertEquals(Arrays.asList("gpt-4o-mini-2024-07-18", "claude-sonnet-4"), summary.models());
    assertNull(summary.previousSessionId());
  }

  @Test
  void costIsNullWhenNoCallWasPriced() {
    SessionTracker tracker = tracker(100);
    TrackedRequest request = tracker.requestStarted("s1", null, null);
    tracker.llmCallEnded(request, "my-own-model", 10L, 10L, null, false);
    tracker.requestEnded(request, false, true);
    tracker.shutdown();
    assertNull(onlyEnded().costUsd());
  }

  @Test
  void previousIdOfAResumedDerivedSessionIsKept() {
    SessionTracker tracker = tracker(100);
    tracker.requestEnded(tracker.requestStarted("parley-new", "u", "parley-old"), false, false);
    tracker.requestEnded(tracker.requestStarted("parley-new", "u", null), false, false);
    tracker.shutdown();
    assertEquals("parley-old", onlyEnded().previousSessionId());
  }

  @Test
  void turnsCountUpAndContinueAboveAnOverride() {
    SessionTracker tracker = tracker(100);
    assertEquals(1, tracker.nextTurn(tracker.requestStarted("s1", null, null), null));
    assertEquals(2, tracker.nextTurn(tracker.requestStarted("s1", null, null), null));
    assertEquals(7, tracker.nextTurn(tracker.requestStarted("s1", null, null), 7L));
    assertEquals(8, tracker.nextTurn(tracker.requestStarted("s1", null, null), null));
    assertEquals(3, tracker.nextTurn(tracker.requestStarted("s1", null, null), 3L));
    assertEquals(9, tracker.nextTurn(tracker.requestStarted("s1", null, null), null));
    assertEquals(1, tracker.nextTurn(tracker.requestStarted("s2", null, null), null));
    assertEquals(4, tracker.nextTurn(null, 4L), "no tracked session: the override");
    assertEquals(1, tracker.nextTurn(null, null));
  }

  @Test
  void activityOfARequestWhoseSessionWasEvictedCountsInTheSessionsNextRecord() {
    SessionTracker tracker = tracker(1);
    TrackedRequest running = tracker.requestStarted("s1", "u", null);
    clock.advance(Duration.ofSeconds(1));
    request(tracker, "s2"); // evicts s1, the only other session, although busy
    assertEquals("s1", onlyEnded().sessionId());
    assertEquals(0, onlyEnded().requestCount());

    tracker.llmCallEnded(running, "m", 3L, 4L, null, false);
    tracker.requestEnded(running, false, true);
    tracker.shutdown();

    SessionSummary later = null;
    for (SessionSummary summary : ended) {
      if (summary.sessionId().equals("s1") && summary.endReason() != SessionEndReason.EVICTED) {
        later = summary;
      }
    }
    assertNotNull(later, ended.toString());
    assertEquals(1, later.requestCount());
    assertEquals(3, later.inputTokens());
    assertEquals("u", later.userId());
  }

  @Test
  void listenerFailuresNeverReachTheCaller() {
    SessionTracker tracker =
        new SessionTracker(
            TIMEOUT,
            1,
            clock,
            Collections.<SessionEndListener>singletonList(
                summary -> {
                  throw new IllegalStateException("boom");
                }),
            new ParleyLog(logLines::add, clock::nanoTime));
    request(tracker, "a");
    request(tracker, "b"); // evicts a on this thread
    tracker.shutdown();
    assertEquals(2, tracker.endedCount());
  }

  @Test
  void sweepIntervalIsAQuarterOfTheTimeoutWithinBounds() {
    assertEquals(Duration.ofSeconds(5), SessionTracker.sweepInterval(Duration.ofMinutes(30)));
    assertEquals(Duration.ofMillis(500), SessionTracker.sweepInterval(Duration.ofSeconds(2)));
    assertEquals(Duration.ofMillis(50), SessionTracker.sweepInterval(Duration.ofMillis(10)));
  }
}
