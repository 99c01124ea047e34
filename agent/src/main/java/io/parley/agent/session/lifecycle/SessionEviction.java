package io.parley.agent.session.lifecycle;

import io.parley.agent.log.ParleyLog;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the open sessions at most {@code maxSessions}: past it, ends the least recently active
 * ones (sessions with a request in flight last), about 5% at a time so that a full tracker pays
 * for one scan per many new sessions rather than per session.
 */
final class SessionEviction {

  private final ConcurrentHashMap<String, SessionRecord> records;
  /** The exact number of {@link #records}, kept by the tracker. */
  private final AtomicInteger open;
  private final int maxSessions;
  private final int batch;
  /** Above this, a new session waits for a running eviction instead of leaving it to it. */
  private final int hardLimit;
  private final SessionTracker tracker;
  private final ParleyLog log;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong evicted = new AtomicLong();

  SessionEviction(
      ConcurrentHashMap<String, SessionRecord> records,
      AtomicInteger open,
      int maxSessions,
      SessionTracker tracker,
      ParleyLog log) {
    this.records = records;
    this.open = open;
    this.maxSessions = maxSessions;
    this.batch = Math.max(1, maxSessions / 20);
    this.hardLimit = maxSessions + Math.max(16, maxSessions / 16);
    this.tracker = tracker;
    this.log = log;
  }

  long evictedCount() {
    return evicted.get();
  }

  /** Evicts when over the limit, never {@code keep} (may be null); cheap when not over. */
  void evictIfOver(SessionRecord keep) {
    // a few passes at most: sessions that became active meanwhile are skipped, not waited for
    for (int pass = 0; pass < 4 && open.get() > maxSessions; pass++) {
      if (!lock.tryLock()) {
        if (open.get() <= hardLimit) {
          return; // the thread holding the lock evicts, this one too
        }
        lock.lock(); // sessions arrive faster than one eviction runs: keep memory bounded
      }
      try {
        int excess = open.get() - maxSessions;
        if (excess > 0) {
          evictLeastRecentlyActive(excess + batch - 1, keep);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void evictLeastRecentlyActive(int count, SessionRecord keep) {
    long[] keys = new long[open.get() + 64];
    int n = 0;
    for (SessionRecord record : records.values()) {
      if (record == keep) {
        continue;
      }
      if (n == keys.length) {
        keys = Arrays.copyOf(keys, n * 2);
      }
      keys[n++] = evictionKey(record);
    }
    if (n == 0) {
      return;
    }
    Arrays.sort(keys, 0, n);
    long threshold = keys[Math.min(count, n) - 1];
    int removed = 0;
    for (SessionRecord record : records.values()) {
      if (removed >= count) {
        break;
      }
      if (record != keep
          && evictionKey(record) <= threshold
          && tracker.end(record, SessionEndReason.EVICTED)) {
        removed++;
      }
    }
    long total = evicted.addAndGet(removed);
    if (removed > 0) {
      log.warnRateLimited(
          "session-evicted",
          1,
          TimeUnit.MINUTES,
          "parley.session.max (" + maxSessions + ") sessions are open: ended the least recently"
              + " active ones early with session.end_reason=evicted (" + total + " so far)");
    }
  }

  /** Least recently active first; sessions with a request in flight only when nothing else. */
  private static long evictionKey(SessionRecord record) {
    return record.inFlight > 0 ? Long.MAX_VALUE : record.lastActivityNanos;
  }
}
