package io.parley.agent.dialect;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Adds one backend's attribute dialect to a finished span, derived from the OpenTelemetry keys the
 * span already carries, so that the dialect's values always equal the OpenTelemetry ones.
 */
public interface DialectWriter {

  /** Puts this dialect's attributes for {@code span} into {@code extra}; puts nothing if none. */
  void write(SpanData span, AttributesBuilder extra);
}
