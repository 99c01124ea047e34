package io.parley.agent.session.lifecycle;

import io.opentelemetry.sdk.common.Clock;
import io.parley.agent.log.ParleyLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers every open session and its totals (SPEC §3, session lifecycle): ends it, with a
 * {@link SessionSummary} to the listeners, after {@code timeout} without activity, when it is the
 * least recently active one while more than {@code maxSessions} are open, or at shutdown.
 *
 * <p>Thread-safe without a global lock on the request path: sessions live in a {@link
 * ConcurrentHashMap} and each is guarded by its own monitor, so only concurrent requests of the
 * same session wait for each other. A request still in flight keeps its session open.
 */
public final class SessionTracker {

  private final long timeoutNanos;
  /** A session with requests in flight still ends after this much inactivity (lost ends). */
  private final long staleInFlightNanos;
  private final Clock clock;
  private final List<SessionEndListener> listeners;
  private final ParleyLog log;
  private final ConcurrentHashMap<String, SessionRecord> records;
  /**
   * Records in {@link #records}, counted on insert and remove: the map's own size() is only an
   * estimate while other threads change it, and the bound is enforced against this count.
   */
  private final AtomicInteger open = new AtomicInteger();
  private final SessionEviction eviction;
  private final Duration sweepInterval;
  private final AtomicLong ended = new AtomicLong();
  private volatile boolean closed;
  private SessionSweeper sweeper;

  public SessionTracker(
      Duration timeout,
      int maxSessions,
      Clock clock,
      List<SessionEndListener> listeners,
      ParleyLog log) {
    if (timeout == null || timeout.isNegative() || timeout.isZero() || maxSessions < 1) {
      throw new IllegalArgumentException("timeout must be positive and maxSessions at least 1");
    }
    this.timeoutNanos = timeout.toNanos();
    this.staleInFlightNanos = timeoutNanos + Math.max(timeoutNanos, TimeUnit.MINUTES.toNanos(10));
    this.clock = clock;
    this.listeners = new ArrayList<>(listeners);
    this.log = log;
    this.records = new ConcurrentHashMap<>(Math.min(maxSessions, 1024));
    this.eviction = new SessionEviction(records, open, maxSessions, this, log);
    this.sweepInterval = sweepInterval(timeout);
  }

  /** How often the sweeper looks for inactive sessions: a quarter of the timeout, 50 ms to 5 s. */
  static Duration sweepInterval(Duration timeout) {
    long quarter = timeout.toMillis() / 4;
    return Duration.ofMillis(Math.max(50, Math.min(quarter, 5_000)));
  }

  /** Starts the daemon thread {@code parley-sessions} that ends inactive sessions. */
  public synchronized void startSweeper() {
    if (sweeper == null && !closed) {
      sweeper = SessionSweeper.start(this, sweepInterval, log);
    }
  }

  /**
   * Counts a request of {@code sessionId} as started now; returns the handle its LLM calls and its
   * end report to, or null when there is no session or the tracker is shut down.
   */
  public TrackedRequest requestStarted(String sessionId, String userId, String previousSessionId) {
    if (sessionId == null || closed) {
      return null;
    }
    long epoch = clock.now();
    SessionRecord record = liveRecord(sessionId, userId, previousSessionId, epoch, true);
    return record == null ? null : new TrackedRequest(sessionId, userId, epoch, record);
  }

  /**
   * The number of the request's new turn: its session's previous turn + 1, or {@code override}
   * as is (later turns continue above it, so numbers never repeat within the session). Without
   * a tracked session: {@code override}, else 1.
   */
  public long nextTurn(TrackedRequest request, final Long override) {
    long fallback = override != null ? override : 1L;
    if (request == null) {
      return fallback;
    }
    long turn =
        update(
            request,
            record -> {
              long next = override != null ? override : record.lastTurn + 1;
              record.lastTurn = Math.max(record.lastTurn, next);
              return next;
            });
    return turn > 0 ? turn : fallback;
  }

  /** Adds one finished LLM call of the request; null counts count as nothing. */
  public void llmCallEnded(
      TrackedRequest request,
      final String model,
      final Long inputTokens,
      final Long outputTokens,
      final Double costUsd,
      final boolean error) {
    if (request == null) {
      return;
    }
    update(
        request,
        record -> {
          if (inputTokens != null) {
            record.inputTokens += inputTokens;
          }
          if (outputTokens != null) {
            record.outputTokens += outputTokens;
          }
          if (costUsd != null) {
            record.costUsd += costUsd;
            record.costKnown = true;
          }
          if (error) {
            record.errors++;
          }
          record.addModel(model);
          return 0;
        });
  }

  /** Counts the request as ended; {@code turn} when it was a turn (made an LLM call). */
  public void requestEnded(final TrackedRequest request, final boolean error, final boolean turn) {
    if (request == null) {
      return;
    }
    update(
        request,
        record -> {
          if (request.ended) {
            return 0;
          }
          request.ended = true;
          record.inFlight--;
          record.requests++;
          if (turn) {
            record.turns++;
          }
          if (error) {
            record.errors++;
          }
          return 0;
        });
  }

  /** Ends the sessions inactive for the timeout; returns how many. Run by the sweeper. */
  public int sweep() {
    long now = clock.nanoTime();
    int count = 0;
    for (SessionRecord record : records.values()) {
      if (isExpired(record, now)) {
        SessionSummary summary;
        synchronized (record) {
          summary = isExpired(record, now) ? endLocked(record, SessionEndReason.INACTIVE) : null;
        }
        if (summary != null) {
          count++;
          emit(summary);
        }
      }
    }
    eviction.evictIfOver(null);
    return count;
  }

  /**
   * Ends every open session with reason {@code shutdown} and stops tracking; call before the
   * exporter is shut down so that the summaries are flushed with the rest.
   */
  public void shutdown() {
    SessionSweeper running;
    synchronized (this) {
      closed = true;
      running = sweeper;
      sweeper = null;
    }
    if (running != null) {
      running.stop();
    }
    for (SessionRecord record : records.values()) {
      end(record, SessionEndReason.SHUTDOWN);
    }
  }

  /** Sessions open now. */
  public int size() {
    return open.get();
  }

  /** Sessions ended early because {@code parley.session.max} was reached. */
  public long evictedCount() {
    return eviction.evictedCount();
  }

  /** Sessions ended so far, for any reason. */
  public long endedCount() {
    return ended.get();
  }

  /** Ends {@code record} now, unless it already ended; tells the listeners. */
  boolean end(SessionRecord record, SessionEndReason reason) {
    SessionSummary summary;
    synchronized (record) {
      summary = endLocked(record, reason);
    }
    if (summary == null) {
      return false;
    }
    emit(summary);
    return true;
  }

  private SessionSummary endLocked(SessionRecord record, SessionEndReason reason) {
    if (record.ended) {
      return null;
    }
    record.ended = true;
    if (records.remove(record.sessionId, record)) {
      open.decrementAndGet();
    }
    return record.summary(reason);
  }

  private boolean isExpired(SessionRecord record, long now) {
    long idle = now - record.lastActivityNanos;
    return idle >= timeoutNanos && (record.inFlight <= 0 || idle >= staleInFlightNanos);
  }

  /** A change to a request's session, applied under that session's monitor. */
  private interface RecordUpdate {
    long apply(SessionRecord record);
  }

  /** Applies {@code change} to the request's live session, marking activity; -1 when closed. */
  private long update(TrackedRequest request, RecordUpdate change) {
    long epoch = clock.now();
    long nanos = clock.nanoTime();
    SessionRecord record = request.record;
    while (true) {
      synchronized (record) {
        if (!record.ended) {
          long result = change.apply(record);
          record.touch(epoch, nanos);
          return result;
        }
      }
      record = reattach(request, record);
      if (record == null) {
        return -1;
      }
    }
  }

  /**
   * The session of a request whose session ended while it ran (evicted, or stale): the id's new
   * record, which the request now counts in. Null after shutdown.
   */
  private SessionRecord reattach(TrackedRequest request, SessionRecord endedRecord) {
    synchronized (request) {
      SessionRecord current = request.record;
      if (current != endedRecord) {
        return current; // another thread of the same request already moved it
      }
      boolean stillRunning;
      synchronized (endedRecord) {
        stillRunning = !request.ended;
      }
      SessionRecord live =
          liveRecord(
              request.sessionId, request.userId, null, request.startEpochNanos, stillRunning);
      if (live != null) {
        request.record = live;
      }
      return live;
    }
  }

  /** The open record of {@code sessionId}, created when there is none; null after shutdown. */
  private SessionRecord liveRecord(
      String sessionId, String userId, String previousSessionId, long startEpoch, boolean inFlight) {
    long epoch = clock.now();
    long nanos = clock.nanoTime();
    while (!closed) {
      SessionRecord record = records.get(sessionId);
      boolean created = false;
      if (record == null) {
        SessionRecord fresh =
            new SessionRecord(
                sessionId, Math.min(startEpoch, epoch), clock.nanoTime(), inFlight ? 1 : 0);
        record = records.putIfAbsent(sessionId, fresh);
        if (record == null) {
          open.incrementAndGet();
          record = fresh;
          created = true;
        }
      }
      synchronized (record) {
        if (record.ended) {
          continue; // lost a race with its end: open a new one
        }
        if (inFlight && !created) {
          record.inFlight++;
        }
        if (record.userId == null) {
          record.userId = userId;
        }
        if (record.previousSessionId == null) {
          record.previousSessionId = previousSessionId;
        }
        record.touch(epoch, nanos);
      }
      if (created) {
        if (closed) {
          end(record, SessionEndReason.SHUTDOWN); // raced with shutdown: summarise it anyway
          return null;
        }
        eviction.evictIfOver(record);
      }
      return record;
    }
    return null;
  }

  private void emit(SessionSummary summary) {
    ended.incrementAndGet();
    for (SessionEndListener listener : listeners) {
      try {
        listener.sessionEnded(summary);
      } catch (Throwable t) {
        log.warnRateLimited(
            "session-summary",
            1,
            TimeUnit.MINUTES,
            "could not report the end of a session (" + summary.endReason().value() + "): " + t);
      }
    }
  }
}
