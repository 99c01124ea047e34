package io.parley.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.parley.agent.dialect.Dialects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** parley.dialects reaches whatever exporter OTEL_TRACES_EXPORTER chose. */
class TelemetrySdkDialectsTest {

  @TempDir Path dir;

  private String exportOneSpan(List<String> dialects) throws IOException {
    Path file = dir.resolve(String.join("-", dialects) + ".jsonl");
    Map<String, String> defaults = new HashMap<>(TelemetrySdk.parleyDefaults());
    defaults.put("otel.traces.exporter", "file");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("parley.exporter.file.path", file.toString());
    TelemetrySdk sdk =
        TelemetrySdk.create(
            defaults, Collections.<String, String>emptyMap(), "test", Dialects.of(dialects));
    sdk.tracer("test")
        .spanBuilder("GET /chat")
        .setSpanKind(SpanKind.SERVER)
        .setAttribute(SemanticKeys.SESSION_ID, "sess-9")
        .startSpan()
        .end();
    sdk.shutdown(10_000);
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  @Test
  void theConfiguredExporterWritesTheDialectKeys() throws IOException {
    String exported = exportOneSpan(Arrays.asList("langfuse", "openinference"));
    assertTrue(exported.contains("\"langfuse.session.id\""), exported);
    assertTrue(exported.contains("\"openinference.span.kind\""), exported);
  }

  @Test
  void otelAloneWritesNone() throws IOException {
    String exported = exportOneSpan(Arrays.asList("otel"));
    assertTrue(exported.contains("\"session.id\""), exported);
    assertFalse(exported.contains("langfuse"), exported);
    assertFalse(exported.contains("openinference"), exported);
  }
}
