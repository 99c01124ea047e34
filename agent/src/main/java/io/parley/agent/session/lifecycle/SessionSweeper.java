package io.parley.agent.session.lifecycle;

import io.parley.agent.log.ParleyLog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The daemon thread {@code parley-sessions}: ends inactive sessions at a fixed interval. */
final class SessionSweeper {

  static final String THREAD_NAME = "parley-sessions";

  private final ScheduledExecutorService executor;

  private SessionSweeper(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  static SessionSweeper start(final SessionTracker tracker, Duration interval, final ParleyLog log) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, THREAD_NAME);
              thread.setDaemon(true);
              thread.setContextClassLoader(null);
              return thread;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            tracker.sweep();
          } catch (Throwable t) { // a thrown exception would cancel the schedule
            log.warnRateLimited(
                "session-sweep", 1, TimeUnit.MINUTES, "error ending inactive sessions: " + t);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
    return new SessionSweeper(executor);
  }

  /** Stops the thread, waiting briefly for a sweep in progress to hand over its summaries. */
  void stop() {
    executor.shutdown(); // cancels the schedule; a sweep in progress finishes
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
