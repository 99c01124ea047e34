package io.parley.agent.export;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.parley.agent.log.ParleyLog;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;

/**
 * Makes {@link JsonLinesSpanExporter} selectable with {@code OTEL_TRACES_EXPORTER=file}; the file
 * is {@code parley.exporter.file.path} ({@code PARLEY_EXPORTER_FILE_PATH}).
 */
public final class JsonLinesSpanExporterProvider implements ConfigurableSpanExporterProvider {

  /** The exporter name used in {@code otel.traces.exporter}. */
  public static final String EXPORTER_NAME = "file";

  static final String PATH_KEY = "parley.exporter.file.path";
  static final String DEFAULT_PATH = "parley-spans.jsonl";

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    String path = config.getString(PATH_KEY, DEFAULT_PATH);
    if (path == null || path.trim().isEmpty()) {
      path = DEFAULT_PATH;
    }
    try {
      return new JsonLinesSpanExporter(Paths.get(path.trim()));
    } catch (InvalidPathException e) {
      ParleyLog.get()
          .error(
              PATH_KEY
                  + "="
                  + path
                  + " is not a usable file path ("
                  + e.getReason()
                  + "); using the default "
                  + DEFAULT_PATH);
      return new JsonLinesSpanExporter(Paths.get(DEFAULT_PATH));
    }
  }

  @Override
  public String getName() {
    return EXPORTER_NAME;
  }
}
