package io.parley.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSpanExporterProviderTest {

  @TempDir Path dir;

  @Test
  void isRegisteredAsTheFileExporter() {
    boolean found = false;
    for (ConfigurableSpanExporterProvider provider :
        ServiceLoader.load(ConfigurableSpanExporterProvider.class)) {
      if (provider instanceof JsonLinesSpanExporterProvider) {
        assertEquals("file", provider.getName());
        found = true;
      }
    }
    assertTrue(found, "META-INF/services must list JsonLinesSpanExporterProvider");
  }

  @Test
  void defaultsToParleySpansJsonlInTheWorkingDirectory() {
    SpanExporter exporter =
        new JsonLinesSpanExporterProvider()
            .createExporter(DefaultConfigProperties.createFromMap(Collections.<String, String>emptyMap()));

    assertEquals(
        Paths.get("parley-spans.jsonl").toAbsolutePath(), ((JsonLinesSpanExporter) exporter).path());
    exporter.shutdown();
  }

  @Test
  void otelTracesExporterFileWritesSpansToTheConfiguredPath() throws IOException {
    Path file = dir.resolve("out/spans.jsonl");
    final Map<String, String> properties = new HashMap<String, String>();
    properties.put("otel.traces.exporter", "file");
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    properties.put("otel.service.name", "provider-test");
    properties.put("parley.exporter.file.path", file.toString());

    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> properties)
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    sdk.getTracer("io.parley.test").spanBuilder("GET /health").setSpanKind(SpanKind.SERVER).startSpan().end();
    sdk.shutdown().join(10, TimeUnit.SECONDS);

    List<JsonNode> lines = JsonLinesSpanExporterTest.readLines(file);
    assertEquals(1, lines.size());
    JsonNode resource = lines.get(0).get("resourceSpans").get(0).get("resource");
    assertEquals(
        "provider-test",
        JsonLinesSpanExporterTest.attribute(resource.get("attributes"), "service.name")
            .get("stringValue")
            .asText());
    assertEquals("GET /health", JsonLinesSpanExporterTest.spansOf(lines.get(0)).get(0).get("name").asText());
  }
}
