package io.parley.agent.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.parley.agent.log.ParleyLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the spans of failed exports in a bounded backlog and sends them, oldest first, once the
 * backend answers again (SPEC §7: when the backend is down, spans wait in a bounded queue and are
 * sent when it returns). The SDK's batch processor alone drops every batch whose export fails
 * (after the OTLP exporter's own retries, about ten seconds), so an outage longer than that lost
 * spans without counting them.
 *
 * <p>Runs on the batch processor's export thread (never a request thread) and a daemon retry
 * thread, started at the first failure, that tries again every few seconds while spans wait. One
 * export to the backend at a time. Spans that find the backlog full are counted in {@link
 * DroppedSpans}, as are those still waiting at exit.
 */
public final class BackloggingSpanExporter implements SpanExporter {

  static final long DEFAULT_RETRY_INTERVAL_MILLIS = 5_000;

  private final SpanExporter delegate;
  private final int maxBacklog;
  private final int maxBatch;
  private final long exportTimeoutMillis;
  private final long retryIntervalMillis;
  private final DroppedSpans dropped;
  private final ParleyLog log;
  private final ReentrantLock sending = new ReentrantLock();
  private final ArrayDeque<SpanData> backlog = new ArrayDeque<>(); // guarded by sending
  private ScheduledExecutorService retrier; // guarded by this
  private volatile boolean shutdown;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicBoolean exitCounted = new AtomicBoolean();
  private long failingSinceNanos = -1; // guarded by sending
  private long failedExports; // guarded by sending

  /**
   * @param maxBacklog most spans kept for a retry (Parley uses {@code otel.bsp.max.queue.size})
   * @param maxBatch most spans per retried export ({@code otel.bsp.max.export.batch.size})
   * @param exportTimeoutMillis longest wait for one export ({@code otel.bsp.export.timeout})
   */
  public BackloggingSpanExporter(
      SpanExporter delegate,
      int maxBacklog,
      int maxBatch,
      long exportTimeoutMillis,
      DroppedSpans dropped,
      ParleyLog log) {
    this(delegate, maxBacklog, maxBatch, exportTimeoutMillis, DEFAULT_RETRY_INTERVAL_MILLIS, dropped, log);
  }

  BackloggingSpanExporter(
      SpanExporter delegate,
      int maxBacklog,
      int maxBatch,
      long exportTimeoutMillis,
      long retryIntervalMillis,
      DroppedSpans dropped,
      ParleyLog log) {
    this.delegate = delegate;
    this.maxBacklog = Math.max(0, maxBacklog);
    this.maxBatch = Math.max(1, maxBatch);
    this.exportTimeoutMillis = Math.max(1, exportTimeoutMillis);
    this.retryIntervalMillis = Math.max(1, retryIntervalMillis);
    this.dropped = dropped;
    this.log = log;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown) {
      dropped.undeliveredAtExit(spans.size());
      return CompletableResultCode.ofFailure();
    }
    sending.lock();
    try {
      // the spans that waited go first; while they cannot, the new ones join them (one attempt)
      if ((backlog.isEmpty() || drainBacklog()) && send(spans)) {
        return CompletableResultCode.ofSuccess();
      }
      keep(spans);
      return CompletableResultCode.ofFailure();
    } catch (RuntimeException e) {
      log.warnRateLimited(
          "export.backlog.bug", 1, TimeUnit.MINUTES, "span export failed on " + e.getClass().getName());
      return CompletableResultCode.ofFailure();
    } finally {
      sending.unlock();
    }
  }

  @Override
  public CompletableResultCode flush() {
    if (sending.tryLock()) {
      try {
        drainBacklog();
      } finally {
        sending.unlock();
      }
    }
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    synchronized (this) {
      if (retrier != null) {
        retrier.shutdownNow();
      }
    }
    sending.lock();
    try {
      drainBacklog();
      int left = backlog.size();
      backlog.clear();
      waiting.set(0);
      if (exitCounted.compareAndSet(false, true)) {
        dropped.undeliveredAtExit(left);
      }
    } finally {
      sending.unlock();
    }
    return delegate.shutdown();
  }

  /** Spans waiting for the backend now. */
  public int waiting() {
    return waiting.get();
  }

  /**
   * Counts what still waits as undelivered, once, when the JVM exits before {@link #shutdown()}
   * could finish (the agent's shutdown hook gives the SDK a bounded time).
   */
  public void countWaitingAtExit() {
    if (exitCounted.compareAndSet(false, true)) {
      dropped.undeliveredAtExit(waiting.get());
    }
  }

  /** Sends the backlog oldest first, a batch at a time, until it is empty or an export fails. */
  private boolean drainBacklog() {
    while (!backlog.isEmpty()) {
      List<SpanData> batch = new ArrayList<>(Math.min(maxBatch, backlog.size()));
      Iterator<SpanData> oldest = backlog.iterator();
      while (oldest.hasNext() && batch.size() < maxBatch) {
        batch.add(oldest.next());
      }
      if (!send(batch)) {
        return false;
      }
      for (int i = 0; i < batch.size(); i++) {
        backlog.pollFirst();
      }
      waiting.set(backlog.size());
    }
    return true;
  }

  private boolean send(Collection<SpanData> spans) {
    CompletableResultCode result;
    try {
      result = delegate.export(spans).join(exportTimeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      result = CompletableResultCode.ofFailure();
    }
    if (result.isSuccess()) {
      if (failingSinceNanos >= 0) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - failingSinceNanos);
        log.info(
            "telemetry export works again after "
                + seconds
                + " s and "
                + failedExports
                + " failed export(s); sending the "
                + backlog.size()
                + " span(s) that waited");
        failingSinceNanos = -1;
        failedExports = 0;
        dropped.maybeReport();
      }
      return true;
    }
    if (failingSinceNanos < 0) {
      failingSinceNanos = System.nanoTime();
    }
    failedExports++;
    return false;
  }

  /** Adds what fits to the backlog; counts the rest as dropped. */
  private void keep(Collection<SpanData> spans) {
    int room = maxBacklog - backlog.size();
    int kept = 0;
    for (SpanData span : spans) {
      if (kept >= room) {
        break;
      }
      backlog.addLast(span);
      kept++;
    }
    waiting.set(backlog.size());
    dropped.backlogFull(spans.size() - kept);
    if (kept > 0) {
      startRetrier();
    }
  }

  private synchronized void startRetrier() {
    if (retrier != null || shutdown) {
      return;
    }
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "parley-export-retry");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::retry, retryIntervalMillis, retryIntervalMillis, TimeUnit.MILLISECONDS);
    retrier = executor;
  }

  /** The retry thread's turn: sends what waits unless an export is already under way. */
  private void retry() {
    if (shutdown || !sending.tryLock()) {
      return;
    }
    try {
      if (!backlog.isEmpty()) {
        drainBacklog();
      }
      dropped.maybeReport();
    } catch (RuntimeException e) {
      // the retry thread must survive anything; the next turn tries again
    } finally {
      sending.unlock();
    }
  }
}
