package io.parley.smoke.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** One span as decoded from an OTLP export, with the resource and scope it was exported under. */
public final class ReceivedSpan {

  private final Resource resource;
  private final InstrumentationScope scope;
  private final Span span;

  ReceivedSpan(Resource resource, InstrumentationScope scope, Span span) {
    this.resource = resource;
    this.scope = scope;
    this.span = span;
  }

  public Span proto() {
    return span;
  }

  public String name() {
    return span.getName();
  }

  public Span.SpanKind kind() {
    return span.getKind();
  }

  public boolean isServer() {
    return span.getKind() == Span.SpanKind.SPAN_KIND_SERVER;
  }

  public String traceId() {
    return HexFormat.of().formatHex(span.getTraceId().toByteArray());
  }

  public String spanId() {
    return HexFormat.of().formatHex(span.getSpanId().toByteArray());
  }

  /** Lower-case hex, or the empty string for a root span. */
  public String parentSpanId() {
    return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
  }

  public long durationMillis() {
    return (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000_000L;
  }

  public long durationNanos() {
    return span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
  }

  public Status.StatusCode statusCode() {
    return span.getStatus().getCode();
  }

  public Optional<AnyValue> attribute(String key) {
    return find(span.getAttributesList(), key);
  }

  /** The string value of an attribute, or null when absent or not a string. */
  public String string(String key) {
    return attribute(key).filter(AnyValue::hasStringValue).map(AnyValue::getStringValue).orElse(null);
  }

  /** The integer (long) value of an attribute, or null when absent or not an integer. */
  public Long longValue(String key) {
    return attribute(key).filter(AnyValue::hasIntValue).map(AnyValue::getIntValue).orElse(null);
  }

  public String resourceString(String key) {
    return find(resource.getAttributesList(), key)
        .filter(AnyValue::hasStringValue)
        .map(AnyValue::getStringValue)
        .orElse(null);
  }

  public String scopeName() {
    return scope.getName();
  }

  private static Optional<AnyValue> find(List<KeyValue> attributes, String key) {
    for (KeyValue keyValue : attributes) {
      if (keyValue.getKey().equals(key)) {
        return Optional.of(keyValue.getValue());
      }
    }
    return Optional.empty();
  }

  /** One line for failure messages: kind, name, ids, status and all attributes. */
  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder()
            .append(span.getKind().name().replace("SPAN_KIND_", ""))
            .append(" '")
            .append(span.getName())
            .append("' trace=")
            .append(traceId())
            .append(" span=")
            .append(spanId())
            .append(" parent=")
            .append(parentSpanId())
            .append(" durationMs=")
            .append(durationMillis())
            .append(" status=")
            .append(span.getStatus().getCode().name().replace("STATUS_CODE_", ""))
            .append(" service=")
            .append(resourceString("service.name"))
            .append(" {");
    for (KeyValue keyValue : span.getAttributesList()) {
      text.append(keyValue.getKey()).append('=').append(render(keyValue.getValue())).append(", ");
    }
    return text.append('}').toString();
  }

  private static String render(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return '"' + value.getStringValue() + '"';
      case INT_VALUE:
        return value.getIntValue() + "L";
      case DOUBLE_VALUE:
        return value.getDoubleValue() + "d";
      case BOOL_VALUE:
        return String.valueOf(value.getBoolValue());
      default:
        return value.toString().replace('\n', ' ').trim();
    }
  }
}
