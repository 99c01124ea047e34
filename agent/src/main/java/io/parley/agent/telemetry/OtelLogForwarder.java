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

  private OtelLogForwarder(ParleyLog log) {
    this.log = log;
  }

  /** Routes the records of loggers under {@code loggerPrefix} (the relocated SDK packages). */
  public static synchronized void install(String loggerPrefix, ParleyLog log) {
    Logger logger = Logger.getLogger(loggerPrefix);
    logger.setUseParentHandlers(false);
    logger.setLevel(log.isDebugEnabled() ? Level.FINE : Level.WARNING);
    logger.addHandler(new OtelLogForwarder(log));
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

  private static String head(String message) {
    if (message == null) {
      return "";
    }
    return message.length() > 40 ? message.substring(0, 40) : message;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
