package io.parley.agent.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes spans as one OTLP/JSON {@code ExportTraceServiceRequest}, the format the OpenTelemetry
 * Collector's file exporter writes and its {@code otlpjsonfile} receiver reads.
 *
 * <p>Follows the OTLP JSON mapping: lowerCamelCase field names, trace and span ids as lowercase
 * hex, enums as integers, 64-bit integers as decimal strings, and fields holding their default
 * value (0, empty string, empty list) left out.
 */
final class OtlpJsonSpanEncoder {

  // SpanFlags: bits 0-7 carry the W3C trace flags, bit 8 says whether bit 9 (parent is remote)
  // is known; the SDK always knows it.
  private static final int CONTEXT_HAS_IS_REMOTE_MASK = 0x100;
  private static final int CONTEXT_IS_REMOTE_MASK = 0x200;

  private final JsonFactory jsonFactory = new JsonFactory();

  /** Returns the UTF-8 JSON of one request for {@code spans}, followed by a newline. */
  byte[] encodeLine(Collection<SpanData> spans) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 + spans.size() * 512);
    try (JsonGenerator json = jsonFactory.createGenerator(out, JsonEncoding.UTF8)) {
      writeRequest(json, spans);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void writeRequest(JsonGenerator json, Collection<SpanData> spans)
      throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("resourceSpans");
    for (Map.Entry<Resource, Map<InstrumentationScopeInfo, List<SpanData>>> byResource :
        groupByResourceAndScope(spans).entrySet()) {
      Resource resource = byResource.getKey();
      json.writeStartObject();
      json.writeObjectFieldStart("resource");
      OtlpJsonAttributes.write(json, "attributes", resource.getAttributes());
      json.writeEndObject();
      json.writeArrayFieldStart("scopeSpans");
      for (Map.Entry<InstrumentationScopeInfo, List<SpanData>> byScope :
          byResource.getValue().entrySet()) {
        writeScopeSpans(json, byScope.getKey(), byScope.getValue());
      }
      json.writeEndArray();
      writeStringIfNotEmpty(json, "schemaUrl", resource.getSchemaUrl());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  // Insertion-ordered so a batch keeps the order in which its spans ended.
  private static Map<Resource, Map<InstrumentationScopeInfo, List<SpanData>>>
      groupByResourceAndScope(Collection<SpanData> spans) {
    Map<Resource, Map<InstrumentationScopeInfo, List<SpanData>>> grouped =
        new LinkedHashMap<Resource, Map<InstrumentationScopeInfo, List<SpanData>>>();
    for (SpanData span : spans) {
      Map<InstrumentationScopeInfo, List<SpanData>> byScope = grouped.get(span.getResource());
      if (byScope == null) {
        byScope = new LinkedHashMap<InstrumentationScopeInfo, List<SpanData>>();
        grouped.put(span.getResource(), byScope);
      }
      List<SpanData> scopeSpans = byScope.get(span.getInstrumentationScopeInfo());
      if (scopeSpans == null) {
        scopeSpans = new ArrayList<SpanData>();
        byScope.put(span.getInstrumentationScopeInfo(), scopeSpans);
      }
      scopeSpans.add(span);
    }
    return grouped;
  }

  private static void writeScopeSpans(
      JsonGenerator json, InstrumentationScopeInfo scope, List<SpanData> spans)
      throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("scope");
    writeStringIfNotEmpty(json, "name", scope.getName());
    writeStringIfNotEmpty(json, "version", scope.getVersion());
    OtlpJsonAttributes.write(json, "attributes", scope.getAttributes());
    json.writeEndObject();
    json.writeArrayFieldStart("spans");
    for (SpanData span : spans) {
      writeSpan(json, span);
    }
    json.writeEndArray();
    writeStringIfNotEmpty(json, "schemaUrl", scope.getSchemaUrl());
    json.writeEndObject();
  }

  private static void writeSpan(JsonGenerator json, SpanData span) throws IOException {
    SpanContext context = span.getSpanContext();
    SpanContext parent = span.getParentSpanContext();
    json.writeStartObject();
    json.writeStringField("traceId", context.getTraceId());
    json.writeStringField("spanId", context.getSpanId());
    writeStringIfNotEmpty(json, "traceState", encodeTraceState(context.getTraceState()));
    if (parent.isValid()) {
      json.writeStringField("parentSpanId", parent.getSpanId());
    }
    json.writeNumberField("flags", spanFlags(context, parent.isRemote()));
    json.writeStringField("name", span.getName());
    json.writeNumberField("kind", kindNumber(span.getKind()));
    json.writeStringField("startTimeUnixNano", Long.toString(span.getStartEpochNanos()));
    json.writeStringField("endTimeUnixNano", Long.toString(span.getEndEpochNanos()));
    OtlpJsonAttributes.write(json, "attributes", span.getAttributes());
    writeDroppedCount(
        json, "droppedAttributesCount", span.getTotalAttributeCount() - span.getAttributes().size());
    writeEvents(json, span.getEvents());
    writeDroppedCount(
        json, "droppedEventsCount", span.getTotalRecordedEvents() - span.getEvents().size());
    writeLinks(json, span.getLinks());
    writeDroppedCount(
        json, "droppedLinksCount", span.getTotalRecordedLinks() - span.getLinks().size());
    writeStatus(json, span.getStatus());
    json.writeEndObject();
  }

  private static void writeEvents(JsonGenerator json, List<EventData> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart("events");
    for (EventData event : events) {
      json.writeStartObject();
      json.writeStringField("timeUnixNano", Long.toString(event.getEpochNanos()));
      json.writeStringField("name", event.getName());
      OtlpJsonAttributes.write(json, "attributes", event.getAttributes());
      writeDroppedCount(
          json,
          "droppedAttributesCount",
          event.getTotalAttributeCount() - event.getAttributes().size());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeLinks(JsonGenerator json, List<LinkData> links) throws IOException {
    if (links.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart("links");
    for (LinkData link : links) {
      SpanContext context = link.getSpanContext();
      json.writeStartObject();
      json.writeStringField("traceId", context.getTraceId());
      json.writeStringField("spanId", context.getSpanId());
      writeStringIfNotEmpty(json, "traceState", encodeTraceState(context.getTraceState()));
      OtlpJsonAttributes.write(json, "attributes", link.getAttributes());
      writeDroppedCount(
          json,
          "droppedAttributesCount",
          link.getTotalAttributeCount() - link.getAttributes().size());
      json.writeNumberField("flags", spanFlags(context, context.isRemote()));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeStatus(JsonGenerator json, StatusData status) throws IOException {
    json.writeObjectFieldStart("status");
    String message = status.getDescription();
    if (message != null && !message.isEmpty()) {
      json.writeStringField("message", message);
    }
    int code = statusCodeNumber(status.getStatusCode());
    if (code != 0) {
      json.writeNumberField("code", code);
    }
    json.writeEndObject();
  }

  private static void writeDroppedCount(JsonGenerator json, String field, int dropped)
      throws IOException {
    if (dropped > 0) {
      json.writeNumberField(field, dropped);
    }
  }

  private static void writeStringIfNotEmpty(JsonGenerator json, String field, String value)
      throws IOException {
    if (value != null && !value.isEmpty()) {
      json.writeStringField(field, value);
    }
  }

  private static String encodeTraceState(TraceState traceState) {
    if (traceState.isEmpty()) {
      return "";
    }
    final StringBuilder encoded = new StringBuilder();
    traceState.forEach(
        (key, value) -> {
          if (encoded.length() > 0) {
            encoded.append(',');
          }
          encoded.append(key).append('=').append(value);
        });
    return encoded.toString();
  }

  private static int spanFlags(SpanContext context, boolean parentIsRemote) {
    int flags = (context.getTraceFlags().asByte() & 0xff) | CONTEXT_HAS_IS_REMOTE_MASK;
    return parentIsRemote ? flags | CONTEXT_IS_REMOTE_MASK : flags;
  }

  /** The OTLP {@code Span.SpanKind} number. */
  static int kindNumber(SpanKind kind) {
    switch (kind) {
      case INTERNAL:
        return 1;
      case SERVER:
        return 2;
      case CLIENT:
        return 3;
      case PRODUCER:
        return 4;
      case CONSUMER:
        return 5;
      default:
        return 0;
    }
  }

  /** The OTLP {@code Status.StatusCode} number. */
  static int statusCodeNumber(StatusCode code) {
    switch (code) {
      case OK:
        return 1;
      case ERROR:
        return 2;
      default:
        return 0;
    }
  }
}
