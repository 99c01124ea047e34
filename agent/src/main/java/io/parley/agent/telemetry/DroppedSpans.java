package io.parley.agent.telemetry;

import io.parley.agent.log.ParleyLog;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the spans that never reached the backend (SPEC §7: what had to be dropped is counted) and
 * says so on the agent's log: one line with the count since the last line and since start, at most
 * once per interval (the first at once), and a last one at exit for anything not yet reported.
 *
 * <p>Three places lose spans: the SDK's batch queue when it is full ({@code
 * otel.bsp.max.queue.size}; the SDK only logs that count, so {@link OtelLogForwarder} hands its
 * line to {@link #queueFullLogLine}), the retry backlog of {@link BackloggingSpanExporter} when it
 * is full, and that backlog when the JVM exits before the backend came back.
 */
public final class DroppedSpans {

  /** The line the SDK's BatchSpanProcessor logs (1.67): its count is all it exposes by itself. */
  private static final Pattern QUEUE_FULL =
      Pattern.compile("^BatchSpanProcessor dropped (\\d+) span\\(s\\) since the last export because the queue is full");

  private static final long DEFAULT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final ParleyLog log;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private volatile int queueSize = -1;

  private long queueFull;
  private long backlogFull;
  private long atExit;
  private long reported;
  private long lastReportNanos;
  private boolean everReported;

  public DroppedSpans(ParleyLog log) {
    this(log, System::nanoTime, DEFAULT_INTERVAL_NANOS);
  }

  DroppedSpans(ParleyLog log, LongSupplier nanoClock, long intervalNanos) {
    this.log = log;
    this.nanoClock = nanoClock;
    this.intervalNanos = intervalNanos;
  }

  /** The batch queue's size, named in the report so that the reader knows what to raise. */
  void queueSize(int size) {
    this.queueSize = size;
  }

  /**
   * Takes the count out of the SDK's "dropped ... because the queue is full" line; returns false
   * (and counts nothing) when {@code message} is not that line.
   */
  public boolean queueFullLogLine(String message) {
    if (message == null) {
      return false;
    }
    Matcher matcher = QUEUE_FULL.matcher(message);
    if (!matcher.find()) {
      return false;
    }
    try {
      queueFull(Long.parseLong(matcher.group(1)));
    } catch (NumberFormatException tooLarge) {
      return false;
    }
    return true;
  }

  /** Spans the SDK's batch queue had no room for. */
  public void queueFull(long spans) {
    if (spans > 0) {
      synchronized (this) {
        queueFull += spans;
      }
      maybeReport();
    }
  }

  /** Spans that failed to export and found the retry backlog full. */
  public void backlogFull(long spans) {
    if (spans > 0) {
      synchronized (this) {
        backlogFull += spans;
      }
      maybeReport();
    }
  }

  /** Spans still waiting for the backend when the JVM exits: reported at once. */
  public void undeliveredAtExit(long spans) {
    synchronized (this) {
      if (spans > 0) {
        atExit += spans;
      }
    }
    report(true);
  }

  /** Every span dropped since start. */
  public synchronized long total() {
    return queueFull + backlogFull + atExit;
  }

  /** Logs the counts if some are unreported and the interval has passed since the last line. */
  public void maybeReport() {
    report(false);
  }

  private void report(boolean now) {
    String line;
    synchronized (this) {
      long total = queueFull + backlogFull + atExit;
      long unreported = total - reported;
      long nanos = nanoClock.getAsLong();
      if (unreported <= 0 || (!now && everReported && nanos - lastReportNanos < intervalNanos)) {
        return;
      }
      reported = total;
      lastReportNanos = nanos;
      everReported = true;
      line =
          "telemetry export: "
              + unreported
              + " span(s) dropped since the last report, "
              + total
              + " since start (export queue full: "
              + queueFull
              + ", retry backlog full: "
              + backlogFull
              + ", undelivered at exit: "
              + atExit
              + "); the backend was unreachable or too slow. otel.bsp.max.queue.size"
              + (queueSize > 0 ? " (" + queueSize + ")" : "")
              + " bounds how many spans wait for it, in the queue and again in the retry backlog";
    }
    log.warn(line);
  }
}
