package io.parley.smoke;

import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.otlp.ExportedTelemetry;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A launched application plus the receiver it exports to: what a smoke test talks to. Failures
 * while waiting for spans carry the application's captured output.
 */
public final class InstrumentedApp implements AutoCloseable {

  /** How long a span may take to arrive (the batch processor exports every 100 ms). */
  public static final Duration EXPORT_WAIT = Duration.ofSeconds(20);

  /** How long to keep listening before concluding that no further (duplicate) span will come. */
  public static final Duration SETTLE = Duration.ofMillis(1500);

  private final AgentJvm jvm;
  private final ExportedTelemetry telemetry;
  private final AutoCloseable receiver;

  public InstrumentedApp(AgentJvm jvm, ExportedTelemetry telemetry, AutoCloseable receiver) {
    this.jvm = jvm;
    this.telemetry = telemetry;
    this.receiver = receiver;
  }

  /**
   * Starts an OTLP receiver, launches the application described by {@code jvm} exporting to it
   * over http/protobuf, and returns both; the receiver is closed again if the launch fails.
   */
  public static InstrumentedApp launch(AgentJvm.Builder jvm) {
    OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
    try {
      AgentJvm started = jvm.otlp(receiver.endpoint(), "http/protobuf").start();
      return new InstrumentedApp(started, receiver.telemetry(), receiver);
    } catch (RuntimeException | Error e) {
      receiver.close();
      throw e;
    }
  }

  public AgentJvm jvm() {
    return jvm;
  }

  public ExportedTelemetry telemetry() {
    return telemetry;
  }

  public SmokeHttp.Response get(String path, String... headerNamesAndValues) {
    return SmokeHttp.get(jvm.uri(path), headerNamesAndValues);
  }

  public SmokeHttp.Response rawGet(String path, String... headerLines) {
    return SmokeHttp.rawGet(jvm.port(), path, List.of(headerLines));
  }

  /** Server spans of this application for {@code url.path == path}. */
  public Predicate<ReceivedSpan> serverSpanFor(String path) {
    return span -> span.isServer() && path.equals(span.string("url.path"));
  }

  /** The (first) server span for {@code path}, waiting for it to be exported. */
  public ReceivedSpan awaitServerSpan(String path) {
    return awaitSpans(serverSpanFor(path), 1).get(0);
  }

  public List<ReceivedSpan> awaitSpans(Predicate<ReceivedSpan> predicate, int count) {
    try {
      return telemetry.awaitSpans(predicate, count, EXPORT_WAIT);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + jvm.diagnostics(), e);
    }
  }

  /** Waits a little longer, then returns every span matching {@code predicate} received so far. */
  public List<ReceivedSpan> spansAfterSettling(Predicate<ReceivedSpan> predicate) {
    try {
      Thread.sleep(SETTLE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return telemetry.spans(predicate);
  }

  /** Every SERVER span of the given trace, after settling. */
  public List<ReceivedSpan> serverSpansOfTrace(String traceId) {
    return spansAfterSettling(span -> span.isServer() && traceId.equals(span.traceId()));
  }

  @Override
  public void close() throws Exception {
    try {
      jvm.close();
    } finally {
      receiver.close();
    }
  }
}
