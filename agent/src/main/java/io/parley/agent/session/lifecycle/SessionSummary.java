package io.parley.agent.session.lifecycle;

import java.util.Collections;
import java.util.List;

/** The totals of one ended session, as its summary span and the session metrics report them. */
public final class SessionSummary {

  private final String sessionId;
  private final String userId;
  private final String previousSessionId;
  private final long startEpochNanos;
  private final long endEpochNanos;
  private final long requestCount;
  private final long turns;
  private final long inputTokens;
  private final long outputTokens;
  private final Double costUsd;
  private final long errorCount;
  private final List<String> models;
  private final SessionEndReason endReason;

  SessionSummary(
      String sessionId,
      String userId,
      String previousSessionId,
      long startEpochNanos,
      long endEpochNanos,
      long requestCount,
      long turns,
      long inputTokens,
      long outputTokens,
      Double costUsd,
      long errorCount,
      List<String> models,
      SessionEndReason endReason) {
    this.sessionId = sessionId;
    this.userId = userId;
    this.previousSessionId = previousSessionId;
    this.startEpochNanos = startEpochNanos;
    this.endEpochNanos = Math.max(startEpochNanos, endEpochNanos);
    this.requestCount = requestCount;
    this.turns = turns;
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.costUsd = costUsd;
    this.errorCount = errorCount;
    this.models = Collections.unmodifiableList(models);
    this.endReason = endReason;
  }

  public String sessionId() {
    return sessionId;
  }

  /** The first user seen in the session, as recorded (hashed by default); null when none. */
  public String userId() {
    return userId;
  }

  /** The derived session this one replaced after its timeout; null otherwise. */
  public String previousSessionId() {
    return previousSessionId;
  }

  /** First activity: the start of its first request. */
  public long startEpochNanos() {
    return startEpochNanos;
  }

  /** Last activity: the end of its last request or LLM call. */
  public long endEpochNanos() {
    return endEpochNanos;
  }

  public long durationMillis() {
    return (endEpochNanos - startEpochNanos) / 1_000_000L;
  }

  /** Inbound requests that ended in the session. */
  public long requestCount() {
    return requestCount;
  }

  /** Requests that made at least one LLM call. */
  public long turns() {
    return turns;
  }

  public long inputTokens() {
    return inputTokens;
  }

  public long outputTokens() {
    return outputTokens;
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Summed cost of the priced LLM calls; null when none was priced. */
  public Double costUsd() {
    return costUsd;
  }

  /** Requests that ended in error plus LLM calls that failed. */
  public long errorCount() {
    return errorCount;
  }

  /** Distinct models, response model else request model, in order of first use. */
  public List<String> models() {
    return models;
  }

  public SessionEndReason endReason() {
    return endReason;
  }

  @Override
  public String toString() {
    return "SessionSummary{" + sessionId + ", " + endReason.value() + ", requests=" + requestCount
        + ", turns=" + turns + ", tokens=" + inputTokens + "/" + outputTokens + ", cost=" + costUsd
        + ", errors=" + errorCount + ", models=" + models + '}';
  }
}
