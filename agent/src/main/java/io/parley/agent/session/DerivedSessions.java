package io.parley.agent.session;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Sessions for users who sent no session id: one per hashed user id, kept while active, replaced
 * by a new id after the timeout; bounded, evicting the least recently active users.
 */
public final class DerivedSessions {

  private final long timeoutMillis;
  private final int maxEntries;
  /** Eviction goes down to this size so that it runs once per many new users, not per user. */
  private final int evictTo;
  /** Above this, a new user waits for the running eviction instead of skipping it. */
  private final int hardLimit;

  private final LongSupplier clockMillis;
  private final SessionIdGenerator ids = new SessionIdGenerator();
  private final ConcurrentHashMap<String, Slot> slots;
  /**
   * Entries in {@link #slots}, counted on insert and remove: the map's own size() is only an
   * estimate while other threads change it, and the bound is enforced against this count.
   */
  private final AtomicInteger count = new AtomicInteger();
  private final ReentrantLock eviction = new ReentrantLock();

  /** {@code clockMillis} need only be monotonic, not wall-clock time. */
  public DerivedSessions(Duration timeout, int maxEntries, LongSupplier clockMillis) {
    if (timeout == null || timeout.isNegative() || timeout.isZero() || maxEntries < 1) {
      throw new IllegalArgumentException("timeout must be positive and maxEntries at least 1");
    }
    this.timeoutMillis = timeout.toMillis();
    this.maxEntries = maxEntries;
    this.evictTo = maxEntries - maxEntries / 10;
    this.hardLimit = maxEntries + Math.max(16, maxEntries / 16);
    this.clockMillis = clockMillis;
    this.slots = new ConcurrentHashMap<>(Math.min(maxEntries, 1024));
  }

  /**
   * The current session of the user {@code hashedUserId} (never a raw user id), marking activity
   * now; a new session, naming the old one, when the user was inactive for the timeout.
   */
  public DerivedSession sessionFor(String hashedUserId) {
    long now = clockMillis.getAsLong();
    while (true) {
      Slot slot = slots.get(hashedUserId);
      if (slot == null) {
        Slot fresh = new Slot(new DerivedSession(ids.next(), null), now);
        slot = slots.putIfAbsent(hashedUserId, fresh);
        if (slot == null) {
          count.incrementAndGet();
          evictIfOver();
          return fresh.current;
        }
      }
      // a per-user lock: only concurrent requests of the same user ever wait here
      synchronized (slot) {
        if (slot.evicted) {
          continue; // lost a race with eviction: start this user afresh
        }
        if (now - slot.lastActivity >= timeoutMillis) {
          String previous = slot.current.id();
          DerivedSession first = new DerivedSession(ids.next(), previous);
          slot.current = new DerivedSession(first.id(), null);
          slot.lastActivity = now;
          return first;
        }
        if (now > slot.lastActivity) {
          slot.lastActivity = now;
        }
        return slot.current;
      }
    }
  }

  /** Users currently remembered. */
  public int size() {
    return count.get();
  }

  private void evictIfOver() {
    int size = count.get();
    if (size <= maxEntries) {
      return;
    }
    if (size > hardLimit) {
      eviction.lock(); // keeps memory bounded when users arrive faster than one eviction runs
    } else if (!eviction.tryLock()) {
      return; // another thread is already evicting
    }
    try {
      if (count.get() > maxEntries) {
        evictLeastRecentlyActive(count.get() - evictTo);
      }
    } finally {
      eviction.unlock();
    }
  }

  private void evictLeastRecentlyActive(int excess) {
    long[] times = new long[count.get() + 64];
    int n = 0;
    for (Slot slot : slots.values()) {
      if (n == times.length) {
        times = Arrays.copyOf(times, n * 2);
      }
      times[n++] = slot.lastActivity;
    }
    if (n == 0) {
      return;
    }
    Arrays.sort(times, 0, n);
    long threshold = times[Math.min(excess, n) - 1];
    int removed = 0;
    for (Map.Entry<String, Slot> entry : slots.entrySet()) {
      if (removed >= excess) {
        return;
      }
      Slot slot = entry.getValue();
      if (slot.lastActivity > threshold) {
        continue;
      }
      synchronized (slot) {
        if (!slot.evicted && slot.lastActivity <= threshold) {
          slot.evicted = true;
          if (slots.remove(entry.getKey(), slot)) {
            count.decrementAndGet();
          }
          removed++;
        }
      }
    }
  }

  private static final class Slot {
    /** Guarded by this slot's monitor. */
    DerivedSession current;

    /** Written under the monitor, read without it by eviction. */
    volatile long lastActivity;

    /** Guarded by this slot's monitor. */
    boolean evicted;

    Slot(DerivedSession current, long lastActivity) {
      this.current = current;
      this.lastActivity = lastActivity;
    }
  }
}
