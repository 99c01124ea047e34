package io.parley.agent.telemetry;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Map;

/** A one-phrase description of where traces go, e.g. {@code otlp (http/protobuf) to http://…}. */
public final class ExporterDescription {

  private final String text;

  private ExporterDescription(String text) {
    this.text = text;
  }

  static ExporterDescription from(ConfigProperties config, Map<String, String> overrides) {
    String exporters = pick(overrides, config, "otel.traces.exporter", "otlp");
    StringBuilder text = new StringBuilder(exporters);
    if (exporters.contains("otlp")) {
      String protocol =
          pick(
              overrides,
              config,
              "otel.exporter.otlp.traces.protocol",
              pick(overrides, config, "otel.exporter.otlp.protocol", "http/protobuf"));
      String defaultEndpoint =
          "grpc".equals(protocol) ? "http://localhost:4317" : "http://localhost:4318";
      String endpoint =
          pick(
              overrides,
              config,
              "otel.exporter.otlp.traces.endpoint",
              pick(overrides, config, "otel.exporter.otlp.endpoint", defaultEndpoint));
      text.append(" (").append(protocol).append(") to ").append(endpoint);
    }
    if (exporters.contains("file")) {
      text.append(" (file ")
          .append(pick(overrides, config, "parley.exporter.file.path", "parley-spans.jsonl"))
          .append(')');
    }
    return new ExporterDescription(text.toString());
  }

  private static String pick(
      Map<String, String> overrides, ConfigProperties config, String key, String fallback) {
    String value = overrides.get(key);
    if (value == null) {
      value = config.getString(key);
    }
    return value == null || value.isEmpty() ? fallback : value;
  }

  @Override
  public String toString() {
    return text;
  }
}
