package io.parley.agent.telemetry;

import io.parley.agent.log.ParleyLog;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends what the embedded OpenTelemetry SDK logs through {@code java.util.logging} (export
 * failures, bad OTEL_* values) to Parley's own stderr log, rate-limited, instead of to the
 * application's logging framework.
 */
public final class OtelLogForwarder extends Handler {

  // JUL holds loggers weakly; keep ours for the life of the agent
  private static Logger sdkLogger;
  private static Logger consoleExporterLogger;

  private final ParleyLog log;
  private final DroppedSpans dropped;

  OtelLogForwarder(ParleyLog log, DroppedSpans dropped) {
    this.log = log;
    this.dropped = dropped;
  }

  /**
   * Routes the records of loggers under {@code loggerPrefix} (the relocated SDK packages); the
   * batch processor's count of spans its full queue dropped goes to {@code dropped}.
   */
  public static synchronized void install(String loggerPrefix, ParleyLog log, DroppedSpans dropped) {
    Logger logger = Logger.getLogger(loggerPrefix);
    logger.setUseParentHandlers(false);
    logger.setLevel(log.isDebugEnabled() ? Level.FINE : Level.WARNING);
    logger.addHandler(new OtelLogForwarder(log, dropped));
    sdkLogger = logger;
    // OTEL_TRACES_EXPORTER=console writes each span as an INFO record: print those on stdout
    Logger console = Logger.getLogger(loggerPrefix + ".exporter.logging");
    console.setUseParentHandlers(false);
    console.setLevel(Level.INFO);
    console.addHandler(new ConsoleLines());
    consoleExporterLogger = console;
  }

  /** Prints the console exporter's records, one line each, on stdout. */
  private static final class ConsoleLines extends Handler {
    @Override
    public void publish(LogRecord record) {
      if (record != null && record.getLevel().intValue() >= Level.INFO.intValue()) {
        System.out.println("[parley] span " + record.getMessage());
      }
    }

    @Override
    public void flush() {
      System.out.flush();
    }

    @Override
    public void close() {}
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    String message = record.getMessage();
    if (dropped != null && dropped.queueFullLogLine(message)) {
      return; // counted, and reported in Parley's own words
    }
    Throwable thrown = record.getThrown();
    String text =
        "OpenTelemetry SDK: "
            + message
            + (thrown == null ? "" : " (" + thrown.getClass().getSimpleName() + ": "
                + thrown.getMessage() + ")");
    int level = record.getLevel().intValue();
    if (level >= Level.WARNING.intValue()) {
      String key = "otel:" + record.getLoggerName() + ":" + head(message);
      log.warnRateLimited(key, 1, TimeUnit.MINUTES, text);
    } else {
      log.debug(text);
    }
  }

  /** The message's start without digits: "Failed to export 12 spans" and "... 89 spans" are one key. */
  static String head(String message) {
    if (message == null) {
      return "";
    }
    String head = message.replaceAll("[0-9]+", "#");
    return head.length() > 40 ? head.substring(0, 40) : head;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
