package io.parley.demo;

import java.util.Map;

/** One span as read back from an OTLP/JSON file: the parts the sessions report needs. */
record ExportedSpan(
    String traceId,
    String spanId,
    String name,
    int kind,
    long startNanos,
    long endNanos,
    Map<String, Object> attributes) {

  /** OTLP {@code SPAN_KIND_SERVER}: an inbound request. */
  static final int KIND_SERVER = 2;

  /** OTLP {@code SPAN_KIND_CLIENT}: an outbound call, such as an LLM call. */
  static final int KIND_CLIENT = 3;

  String string(String key) {
    Object value = attributes.get(key);
    return value == null ? null : value.toString();
  }

  /** A long attribute, or null when absent or not a number. */
  Long longValue(String key) {
    return attributes.get(key) instanceof Number number ? number.longValue() : null;
  }

  /** A double attribute, or null when absent or not a number. */
  Double doubleValue(String key) {
    return attributes.get(key) instanceof Number number ? number.doubleValue() : null;
  }
}
