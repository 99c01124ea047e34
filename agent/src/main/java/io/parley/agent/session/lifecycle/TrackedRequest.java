package io.parley.agent.session.lifecycle;

/**
 * One inbound request's membership of a tracked session, kept in the request's state so that its
 * LLM calls and its end are added to the right session without a lookup.
 */
public final class TrackedRequest {

  final String sessionId;
  final String userId;
  final long startEpochNanos;

  /** The live session; replaced (under this object's monitor) when that one ended early. */
  volatile SessionRecord record;

  /** Set once the request's end was counted, under the monitor of the record it counted in. */
  volatile boolean ended;

  TrackedRequest(String sessionId, String userId, long startEpochNanos, SessionRecord record) {
    this.sessionId = sessionId;
    this.userId = userId;
    this.startEpochNanos = startEpochNanos;
    this.record = record;
  }

  public String sessionId() {
    return sessionId;
  }
}
