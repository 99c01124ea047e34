package io.parley.agent.session.lifecycle;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The session metrics (SPEC §5), recorded when a session ends: duration, turns, tokens and cost
 * per session, and the number of open sessions. Attributes are only the end reason and the token
 * type: never a session or user id.
 */
public final class SessionMetrics implements SessionEndListener {

  static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");

  private final Meter meter;
  private final DoubleHistogram duration;
  private final LongHistogram turns;
  private final LongHistogram tokens;
  private final DoubleHistogram cost;
  private final Map<SessionEndReason, Attributes> byReason = new EnumMap<>(SessionEndReason.class);
  private final Map<SessionEndReason, Attributes> inputByReason =
      new EnumMap<>(SessionEndReason.class);
  private final Map<SessionEndReason, Attributes> outputByReason =
      new EnumMap<>(SessionEndReason.class);

  public SessionMetrics(Meter meter) {
    this.meter = meter;
    this.duration =
        meter
            .histogramBuilder("parley.session.duration")
            .setUnit("s")
            .setDescription("Duration of ended sessions, first to last activity.")
            .setExplicitBucketBoundariesAdvice(
                Arrays.asList(
                    1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1200.0, 1800.0, 3600.0,
                    7200.0, 14400.0, 28800.0, 86400.0))
            .build();
    this.turns =
        meter
            .histogramBuilder("parley.session.turns")
            .ofLongs()
            .setUnit("{turn}")
            .setDescription("Turns (requests that called an LLM) per ended session.")
            .setExplicitBucketBoundariesAdvice(
                Arrays.asList(0L, 1L, 2L, 3L, 5L, 10L, 20L, 50L, 100L, 200L, 500L, 1000L))
            .build();
    this.tokens =
        meter
            .histogramBuilder("parley.session.tokens")
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Input and output tokens per ended session.")
            .setExplicitBucketBoundariesAdvice(
                Arrays.asList(
                    1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L,
                    4194304L, 16777216L, 67108864L))
            .build();
    this.cost =
        meter
            .histogramBuilder("parley.session.cost")
            .setUnit("USD")
            .setDescription("Cost of the priced LLM calls per ended session.")
            .setExplicitBucketBoundariesAdvice(
                Arrays.asList(
                    0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 50.0, 100.0))
            .build();
    for (SessionEndReason reason : SessionEndReason.values()) {
      Attributes attributes = Attributes.of(SessionKeys.END_REASON, reason.value());
      byReason.put(reason, attributes);
      inputByReason.put(reason, attributes.toBuilder().put(TOKEN_TYPE, "input").build());
      outputByReason.put(reason, attributes.toBuilder().put(TOKEN_TYPE, "output").build());
    }
  }

  /** Reports {@code openSessions} as {@code parley.session.active} at each collection. */
  public void observeActive(final LongSupplier openSessions) {
    meter
        .upDownCounterBuilder("parley.session.active")
        .setUnit("{session}")
        .setDescription("Sessions open now.")
        .buildWithCallback(measurement -> measurement.record(openSessions.getAsLong()));
  }

  @Override
  public void sessionEnded(SessionSummary summary) {
    SessionEndReason reason = summary.endReason();
    Attributes attributes = byReason.get(reason);
    duration.record((summary.endEpochNanos() - summary.startEpochNanos()) / 1e9, attributes);
    turns.record(summary.turns(), attributes);
    tokens.record(summary.inputTokens(), inputByReason.get(reason));
    tokens.record(summary.outputTokens(), outputByReason.get(reason));
    if (summary.costUsd() != null) {
      cost.record(summary.costUsd(), attributes);
    }
  }
}
