package io.parley.agent.log;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The agent's own logger: one line per message on stderr, prefixed {@code [parley]}, never through
 * the application's logging framework. Repeated warnings can be rate-limited by key.
 */
public final class ParleyLog {

  /** Severity of a line; lines below the configured level are dropped. */
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF
  }

  private static volatile ParleyLog global = new ParleyLog(stderrSink(), System::nanoTime);

  private final Consumer<String> sink;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Long> lastLogged = new ConcurrentHashMap<>();
  private volatile Level level = Level.INFO;

  public ParleyLog(Consumer<String> sink, LongSupplier nanoClock) {
    this.sink = sink;
    this.nanoClock = nanoClock;
  }

  /** The process-wide logger the agent uses. */
  public static ParleyLog get() {
    return global;
  }

  /** Replaces the process-wide logger (tests only). */
  public static void setGlobal(ParleyLog log) {
    global = log;
  }

  private static Consumer<String> stderrSink() {
    PrintStream err = System.err;
    return err::println;
  }

  public void setLevel(Level level) {
    this.level = level;
  }

  public Level level() {
    return level;
  }

  public boolean isDebugEnabled() {
    return level.compareTo(Level.DEBUG) <= 0;
  }

  public void debug(String message) {
    log(Level.DEBUG, message);
  }

  public void info(String message) {
    log(Level.INFO, message);
  }

  public void warn(String message) {
    log(Level.WARN, message);
  }

  public void error(String message) {
    log(Level.ERROR, message);
  }

  /**
   * Logs at most once per {@code interval} for the same {@code key}; returns whether it logged.
   */
  public boolean warnRateLimited(String key, long interval, TimeUnit unit, String message) {
    long now = nanoClock.getAsLong();
    long intervalNanos = unit.toNanos(interval);
    boolean[] due = new boolean[1];
    lastLogged.compute(
        key,
        (k, previous) -> {
          if (previous == null || now - previous >= intervalNanos) {
            due[0] = true;
            return now;
          }
          return previous;
        });
    if (due[0]) {
      warn(message);
    }
    return due[0];
  }

  private void log(Level messageLevel, String message) {
    if (messageLevel.compareTo(level) < 0 || level == Level.OFF) {
      return;
    }
    try {
      sink.accept("[parley] " + messageLevel.name() + " " + message);
    } catch (RuntimeException ignored) {
      // a broken stderr must never reach the application
    }
  }
}
