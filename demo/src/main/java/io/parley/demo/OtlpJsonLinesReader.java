package io.parley.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON-lines file of OTLP/JSON {@code ExportTraceServiceRequest}s, as written by the
 * agent's {@code file} exporter or the OpenTelemetry Collector's file exporter.
 */
final class OtlpJsonLinesReader {

  /** The spans of a file, and how many lines could not be read (e.g. one cut short by a kill). */
  record Contents(List<ExportedSpan> spans, int unreadableLines) {}

  private static final Map<String, Integer> KIND_NAMES =
      Map.of(
          "SPAN_KIND_INTERNAL", 1,
          "SPAN_KIND_SERVER", 2,
          "SPAN_KIND_CLIENT", 3,
          "SPAN_KIND_PRODUCER", 4,
          "SPAN_KIND_CONSUMER", 5);

  private final ObjectMapper json = new ObjectMapper();

  Contents read(Path file) throws IOException {
    List<ExportedSpan> spans = new ArrayList<>();
    int unreadable = 0;
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        try {
          addSpans(json.readTree(line), spans);
        } catch (IOException | RuntimeException e) {
          unreadable++;
        }
      }
    }
    return new Contents(spans, unreadable);
  }

  private static void addSpans(JsonNode request, List<ExportedSpan> spans) {
    if (!request.path("resourceSpans").isArray()) {
      throw new IllegalArgumentException("not an ExportTraceServiceRequest");
    }
    for (JsonNode resourceSpans : request.path("resourceSpans")) {
      for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
        for (JsonNode span : scopeSpans.path("spans")) {
          spans.add(
              new ExportedSpan(
                  span.path("traceId").asText(),
                  span.path("spanId").asText(),
                  span.path("name").asText(),
                  kind(span.path("kind")),
                  span.path("startTimeUnixNano").asLong(),
                  span.path("endTimeUnixNano").asLong(),
                  attributes(span.path("attributes"))));
        }
      }
    }
  }

  // the JSON mapping writes enums as numbers, but readers must accept their names too
  private static int kind(JsonNode kind) {
    return kind.isTextual() ? KIND_NAMES.getOrDefault(kind.asText(), 0) : kind.asInt();
  }

  private static Map<String, Object> attributes(JsonNode keyValues) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (JsonNode keyValue : keyValues) {
      Object value = value(keyValue.path("value"));
      if (value != null) {
        attributes.put(keyValue.path("key").asText(), value);
      }
    }
    return attributes;
  }

  /** An OTLP {@code AnyValue} as String, Long, Double, Boolean or List; null if unknown. */
  private static Object value(JsonNode anyValue) {
    if (anyValue.has("stringValue")) {
      return anyValue.get("stringValue").asText();
    }
    if (anyValue.has("intValue")) {
      return anyValue.get("intValue").asLong(); // a decimal string, or a number
    }
    if (anyValue.has("doubleValue")) {
      return anyValue.get("doubleValue").isNumber()
          ? anyValue.get("doubleValue").asDouble()
          : Double.valueOf(anyValue.get("doubleValue").asText());
    }
    if (anyValue.has("boolValue")) {
      return anyValue.get("boolValue").asBoolean();
    }
    if (anyValue.has("arrayValue")) {
      List<Object> values = new ArrayList<>();
      for (JsonNode element : anyValue.path("arrayValue").path("values")) {
        values.add(value(element));
      }
      return values;
    }
    return null;
  }
}
