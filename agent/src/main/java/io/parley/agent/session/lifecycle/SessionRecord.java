package io.parley.agent.session.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The running totals of one open session. Guarded by its own monitor, so that only requests of
 * the same session ever wait for each other; the two volatile fields are read without it by the
 * sweeper and by eviction.
 */
final class SessionRecord {

  /** Distinct models remembered per session; more are not listed (memory stays bounded). */
  static final int MAX_MODELS = 16;

  final String sessionId;
  final long startEpochNanos;

  volatile long lastActivityNanos;
  volatile int inFlight;

  String userId;
  String previousSessionId;
  long endEpochNanos;
  long requests;
  long turns;
  long inputTokens;
  long outputTokens;
  long errors;
  double costUsd;
  boolean costKnown;
  long lastTurn;
  boolean ended;
  private List<String> models;

  /** {@code inFlight}: requests already running in it, so that eviction sees it busy at once. */
  SessionRecord(String sessionId, long startEpochNanos, long nowNanos, int inFlight) {
    this.sessionId = sessionId;
    this.startEpochNanos = startEpochNanos;
    this.endEpochNanos = startEpochNanos;
    this.lastActivityNanos = nowNanos;
    this.inFlight = inFlight;
  }

  /** Marks activity at wall-clock {@code epochNanos} and monotonic {@code nanos}. */
  void touch(long epochNanos, long nanos) {
    if (epochNanos > endEpochNanos) {
      endEpochNanos = epochNanos;
    }
    if (nanos - lastActivityNanos > 0) {
      lastActivityNanos = nanos;
    }
  }

  void addModel(String model) {
    if (model == null) {
      return;
    }
    if (models == null) {
      models = new ArrayList<>(2);
    } else if (models.contains(model) || models.size() >= MAX_MODELS) {
      return;
    }
    models.add(model);
  }

  SessionSummary summary(SessionEndReason reason) {
    return new SessionSummary(
        sessionId,
        userId,
        previousSessionId,
        startEpochNanos,
        endEpochNanos,
        requests,
        turns,
        inputTokens,
        outputTokens,
        costKnown ? costUsd : null,
        errors,
        models == null ? Collections.<String>emptyList() : new ArrayList<>(models),
        reason);
  }
}
