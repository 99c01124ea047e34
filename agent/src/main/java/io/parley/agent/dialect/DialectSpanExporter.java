package io.parley.agent.dialect;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Wraps the configured exporter: each span leaves with the chosen dialects' attributes added.
 * Runs on the export thread, never on a request thread; a dialect that fails leaves its span as
 * it was.
 */
final class DialectSpanExporter implements SpanExporter {

  private final SpanExporter delegate;
  private final List<DialectWriter> writers;

  DialectSpanExporter(SpanExporter delegate, List<DialectWriter> writers) {
    this.delegate = delegate;
    this.writers = writers;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> out = new ArrayList<>(spans.size());
    for (SpanData span : spans) {
      out.add(withDialects(span));
    }
    return delegate.export(out);
  }

  SpanData withDialects(SpanData span) {
    try {
      AttributesBuilder extra = Attributes.builder();
      for (DialectWriter writer : writers) {
        writer.write(span, extra);
      }
      Attributes added = extra.build();
      return added.isEmpty() ? span : new WithAttributes(span, added);
    } catch (RuntimeException e) {
      return span;
    }
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  /** A span with attributes added to its own. */
  private static final class WithAttributes extends DelegatingSpanData {
    private final Attributes attributes;
    private final int totalAttributeCount;

    WithAttributes(SpanData span, Attributes added) {
      super(span);
      this.attributes = span.getAttributes().toBuilder().putAll(added).build();
      this.totalAttributeCount =
          span.getTotalAttributeCount() + attributes.size() - span.getAttributes().size();
    }

    @Override
    public Attributes getAttributes() {
      return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
      return totalAttributeCount;
    }
  }
}
