package io.parley.agent.telemetry;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.parley.agent.dialect.Dialects;
import io.parley.agent.log.ParleyLog;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own OpenTelemetry SDK, configured by the standard {@code OTEL_*} settings through
 * the SDK's autoconfigure module, with Parley's span processor added. Never registered as the
 * global OpenTelemetry instance, so the application's own OpenTelemetry use is untouched.
 */
public final class TelemetrySdk {

  public static final String INSTRUMENTATION_SCOPE = "io.parley";

  private static final int DEFAULT_MAX_QUEUE_SIZE = 2048;
  private static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;
  private static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(30);

  private final OpenTelemetrySdk sdk;
  private final ExporterDescription exporter;
  private final List<BackloggingSpanExporter> backlogs;

  private TelemetrySdk(
      OpenTelemetrySdk sdk, ExporterDescription exporter, List<BackloggingSpanExporter> backlogs) {
    this.sdk = sdk;
    this.exporter = exporter;
    this.backlogs = backlogs;
  }

  /**
   * Builds the SDK.
   *
   * @param defaults lowest-precedence properties (Parley's defaults and the config file's
   *     {@code otel.*} keys); environment variables and system properties override them
   * @param overrides highest-precedence properties (agent arguments)
   */
  public static TelemetrySdk create(
      Map<String, String> defaults, final Map<String, String> overrides, String version) {
    return create(defaults, overrides, version, Dialects.otelOnly());
  }

  /** As {@link #create(Map, Map, String)}, each exporter adding the {@code dialects}' keys. */
  public static TelemetrySdk create(
      Map<String, String> defaults,
      final Map<String, String> overrides,
      String version,
      final Dialects dialects) {
    return create(defaults, overrides, version, dialects, new DroppedSpans(ParleyLog.get()));
  }

  /**
   * As {@link #create(Map, Map, String, Dialects)}; spans that fail to export wait in a bounded
   * backlog for the backend to return, and what is lost is counted in {@code dropped}.
   */
  public static TelemetrySdk create(
      Map<String, String> defaults,
      final Map<String, String> overrides,
      String version,
      final Dialects dialects,
      final DroppedSpans dropped) {
    final Map<String, String> lowest = new HashMap<>(defaults);
    final ExporterDescription[] seen = new ExporterDescription[1];
    final List<BackloggingSpanExporter> backlogs = new CopyOnWriteArrayList<>();
    AutoConfiguredOpenTelemetrySdk auto =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> lowest)
            .addPropertiesCustomizer(
                (ConfigProperties config) -> {
                  seen[0] = ExporterDescription.from(config, overrides);
                  return overrides;
                })
            .addTracerProviderCustomizer(
                (builder, config) ->
                    builder.addSpanProcessor(new RequestAttributesSpanProcessor()))
            .addSpanExporterCustomizer((exporter, config) -> dialects.wrap(exporter))
            .addSpanExporterCustomizer(
                (exporter, config) -> {
                  BackloggingSpanExporter backlog = backlogFor(exporter, config, dropped);
                  backlogs.add(backlog);
                  return backlog;
                })
            .disableShutdownHook()
            .setServiceClassLoader(TelemetrySdk.class.getClassLoader())
            .build();
    return new TelemetrySdk(auto.getOpenTelemetrySdk(), seen[0], backlogs);
  }

  /** The backlog is as large as the batch queue: what may wait there may wait again here. */
  private static BackloggingSpanExporter backlogFor(
      SpanExporter exporter, ConfigProperties config, DroppedSpans dropped) {
    int queue = config.getInt("otel.bsp.max.queue.size", DEFAULT_MAX_QUEUE_SIZE);
    int batch = config.getInt("otel.bsp.max.export.batch.size", DEFAULT_MAX_EXPORT_BATCH_SIZE);
    Duration timeout = config.getDuration("otel.bsp.export.timeout", DEFAULT_EXPORT_TIMEOUT);
    dropped.queueSize(queue);
    return new BackloggingSpanExporter(
        exporter, queue, Math.min(batch, queue), timeout.toMillis(), dropped, ParleyLog.get());
  }

  public Tracer tracer(String version) {
    return sdk.getTracer(INSTRUMENTATION_SCOPE, version);
  }

  public Meter meter(String version) {
    return sdk.getMeterProvider().meterBuilder(INSTRUMENTATION_SCOPE).setInstrumentationVersion(version).build();
  }

  public TextMapPropagator propagator() {
    return sdk.getPropagators().getTextMapPropagator();
  }

  /** What the traces go to, for the start-up line. */
  public ExporterDescription exporter() {
    return exporter;
  }

  /**
   * Flushes and shuts down, waiting at most {@code timeoutMillis}; spans still waiting for the
   * backend then are counted as dropped.
   */
  public void shutdown(long timeoutMillis) {
    CompletableResultCode result = sdk.shutdown();
    result.join(timeoutMillis, TimeUnit.MILLISECONDS);
    for (BackloggingSpanExporter backlog : backlogs) {
      backlog.countWaitingAtExit();
    }
  }

  /** Properties Parley sets unless the user set them: the agent produces no log records. */
  public static Map<String, String> parleyDefaults() {
    Map<String, String> map = new HashMap<>();
    map.put("otel.logs.exporter", "none");
    // the SDK's autoconfigure still defaults OTLP to grpc; agents (and Parley's start-up line)
    // default to http/protobuf on port 4318, which is what users point OTEL_EXPORTER_OTLP_ENDPOINT at
    map.put("otel.exporter.otlp.protocol", "http/protobuf");
    return Collections.unmodifiableMap(map);
  }
}
