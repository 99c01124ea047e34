package io.parley.agent.dialect;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The dialects chosen with {@code parley.dialects}: their writers, and the exporter wrapping. */
public final class Dialects {

  public static final String OTEL = "otel";
  public static final String OPENINFERENCE = "openinference";
  public static final String LANGFUSE = "langfuse";

  private final List<DialectWriter> writers;

  private Dialects(List<DialectWriter> writers) {
    this.writers = Collections.unmodifiableList(writers);
  }

  /** Only the OpenTelemetry keys. */
  public static Dialects otelOnly() {
    return new Dialects(Collections.<DialectWriter>emptyList());
  }

  /**
   * The dialects named (values of {@code parley.dialects}, already validated); {@code otel} adds
   * nothing, the OpenTelemetry keys being always written.
   */
  public static Dialects of(List<String> names) {
    List<DialectWriter> writers = new ArrayList<>();
    if (names.contains(OPENINFERENCE)) {
      writers.add(new OpenInferenceWriter());
    }
    if (names.contains(LANGFUSE)) {
      writers.add(new LangfuseWriter());
    }
    return new Dialects(writers);
  }

  /** Whether any dialect beyond the OpenTelemetry keys is on. */
  public boolean any() {
    return !writers.isEmpty();
  }

  /** {@code exporter}, adding the dialects' attributes to what it exports when any is on. */
  public SpanExporter wrap(SpanExporter exporter) {
    return any() ? new DialectSpanExporter(exporter, writers) : exporter;
  }
}
