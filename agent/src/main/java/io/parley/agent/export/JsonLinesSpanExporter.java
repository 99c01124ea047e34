package io.parley.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.parley.agent.log.ParleyLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Appends each export batch to a file as one line of OTLP/JSON, the format of the OpenTelemetry
 * Collector's file exporter, so the file can be read back by its {@code otlpjsonfile} receiver.
 *
 * <p>Called from the span processor's export thread, never from request threads. A failed write
 * drops that batch, returns a failed result and logs one error line at most once a minute; the
 * file is opened again at the next batch.
 */
public final class JsonLinesSpanExporter implements SpanExporter {

  private static final long ERROR_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Path path;
  private final OtlpJsonSpanEncoder encoder = new OtlpJsonSpanEncoder();
  private final LongSupplier nanoClock;

  private final Object lock = new Object();
  // guarded by lock
  private OutputStream out;
  private boolean shutdown;
  private long droppedSpans;
  private long lastErrorLogNanos;
  private boolean errorLogged;

  public JsonLinesSpanExporter(Path path) {
    this(path, System::nanoTime);
  }

  JsonLinesSpanExporter(Path path, LongSupplier nanoClock) {
    this.path = path.toAbsolutePath();
    this.nanoClock = nanoClock;
  }

  /** The absolute path of the file spans are appended to. */
  public Path path() {
    return path;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (spans.isEmpty()) {
      return CompletableResultCode.ofSuccess();
    }
    byte[] line;
    try {
      // encode outside the lock: concurrent callers only wait for each other's write
      line = encoder.encodeLine(spans);
    } catch (IOException | RuntimeException e) {
      return fail(spans.size(), "cannot encode spans for " + path + ": " + e);
    }
    synchronized (lock) {
      if (shutdown) {
        return CompletableResultCode.ofFailure();
      }
      try {
        if (out == null) {
          out = open();
        }
        // one write of the whole line: with O_APPEND, lines never interleave, even with another
        // process appending to the same file
        out.write(line);
        out.flush();
        return CompletableResultCode.ofSuccess();
      } catch (IOException | RuntimeException e) {
        closeQuietly();
        return fail(spans.size(), "cannot write spans to " + path + ": " + e);
      }
    }
  }

  private OutputStream open() throws IOException {
    Path parent = path.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream opened =
        Files.newOutputStream(
            path, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    ParleyLog.get().debug("appending spans to " + path);
    return opened;
  }

  private CompletableResultCode fail(int spanCount, String message) {
    synchronized (lock) {
      droppedSpans += spanCount;
      long now = nanoClock.getAsLong();
      if (!errorLogged || now - lastErrorLogNanos >= ERROR_LOG_INTERVAL_NANOS) {
        errorLogged = true;
        lastErrorLogNanos = now;
        ParleyLog.get()
            .error(
                message
                    + " ("
                    + droppedSpans
                    + " spans dropped so far; this error is logged at most once a minute)");
      }
    }
    return CompletableResultCode.ofFailure();
  }

  @Override
  public CompletableResultCode flush() {
    synchronized (lock) {
      // every line is flushed as it is written; this only surfaces a broken stream early
      if (out != null) {
        try {
          out.flush();
        } catch (IOException e) {
          closeQuietly();
          return fail(0, "cannot flush spans to " + path + ": " + e);
        }
      }
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    synchronized (lock) {
      shutdown = true;
      closeQuietly();
    }
    return CompletableResultCode.ofSuccess();
  }

  private void closeQuietly() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException ignored) {
      // nothing left to save: the lines written so far were flushed one by one
    } finally {
      out = null;
    }
  }

  @Override
  public String toString() {
    return "JsonLinesSpanExporter{path=" + path + "}";
  }
}
