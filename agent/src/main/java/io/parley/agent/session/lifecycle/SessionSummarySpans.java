package io.parley.agent.session.lifecycle;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.parley.agent.telemetry.SemanticKeys;
import java.util.concurrent.TimeUnit;

/**
 * Emits one span named {@code session} per ended session: its own trace, from the session's first
 * to its last activity, with the session's totals (SPEC §3).
 */
public final class SessionSummarySpans implements SessionEndListener {

  private final Tracer tracer;

  public SessionSummarySpans(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void sessionEnded(SessionSummary summary) {
    SpanBuilder builder =
        tracer
            .spanBuilder(SessionKeys.SPAN_NAME)
            .setNoParent() // its own trace, even when ended on a request thread
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(summary.startEpochNanos(), TimeUnit.NANOSECONDS)
            .setAttribute(SemanticKeys.SESSION_ID, summary.sessionId());
    if (summary.userId() != null) {
      builder.setAttribute(SemanticKeys.USER_ID, summary.userId());
    }
    if (summary.previousSessionId() != null) {
      builder.setAttribute(SessionKeys.PREVIOUS_ID, summary.previousSessionId());
    }
    builder
        .setAttribute(SessionKeys.DURATION_MS, summary.durationMillis())
        .setAttribute(SessionKeys.REQUEST_COUNT, summary.requestCount())
        .setAttribute(SessionKeys.TOTAL_TURNS, summary.turns())
        .setAttribute(SessionKeys.TOTAL_INPUT_TOKENS, summary.inputTokens())
        .setAttribute(SessionKeys.TOTAL_OUTPUT_TOKENS, summary.outputTokens())
        .setAttribute(SessionKeys.TOTAL_TOKENS, summary.totalTokens())
        .setAttribute(SessionKeys.ERROR_COUNT, summary.errorCount())
        .setAttribute(SessionKeys.MODELS, summary.models())
        .setAttribute(SessionKeys.END_REASON, summary.endReason().value());
    if (summary.costUsd() != null) {
      builder.setAttribute(SessionKeys.TOTAL_COST_USD, summary.costUsd());
    }
    Span span = builder.startSpan();
    span.end(summary.endEpochNanos(), TimeUnit.NANOSECONDS);
  }
}
