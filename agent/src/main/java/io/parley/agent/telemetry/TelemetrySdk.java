package io.parley.agent.telemetry;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.parley.agent.dialect.Dialects;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own OpenTelemetry SDK, configured by the standard {@code OTEL_*} settings through
 * the SDK's autoconfigure module, with Parley's span processor added. Never registered as the
 * global OpenTelemetry instance, so the application's own OpenTelemetry use is untouched.
 */
public final class TelemetrySdk {

  public static final String INSTRUMENTATION_SCOPE = "io.parley";

  private final OpenTelemetrySdk sdk;
  private final ExporterDescription exporter;

  private TelemetrySdk(OpenTelemetrySdk sdk, ExporterDescription exporter) {
    this.sdk = sdk;
    this.exporter = exporter;
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
    final Map<String, String> lowest = new HashMap<>(defaults);
    final ExporterDescription[] seen = new ExporterDescription[1];
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
            .disableShutdownHook()
            .setServiceClassLoader(TelemetrySdk.class.getClassLoader())
            .build();
    return new TelemetrySdk(auto.getOpenTelemetrySdk(), seen[0]);
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

  /** Flushes and shuts down, waiting at most {@code timeoutMillis}. */
  public void shutdown(long timeoutMillis) {
    CompletableResultCode result = sdk.shutdown();
    result.join(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Properties Parley sets unless the user set them: the agent produces no log records. */
  public static Map<String, String> parleyDefaults() {
    Map<String, String> map = new HashMap<>();
    map.put("otel.logs.exporter", "none");
    return Collections.unmodifiableMap(map);
  }
}
