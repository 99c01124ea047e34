package io.parley.agent.session;

/** Who and what conversation one inbound request belongs to, as it will be recorded. */
public final class RequestIdentity {

  private final String sessionId;
  private final SessionSource sessionSource;
  private final String userId;
  private final String conversationId;
  private final Long turnOverride;
  private final String previousSessionId;
  private final boolean userHashed;

  public RequestIdentity(
      String sessionId,
      SessionSource sessionSource,
      String userId,
      String conversationId,
      Long turnOverride,
      String previousSessionId) {
    this(sessionId, sessionSource, userId, conversationId, turnOverride, previousSessionId, false);
  }

  /** {@code userHashed}: {@code userId} is a hash (this agent's, or one an upstream agent sent). */
  public RequestIdentity(
      String sessionId,
      SessionSource sessionSource,
      String userId,
      String conversationId,
      Long turnOverride,
      String previousSessionId,
      boolean userHashed) {
    this.sessionId = sessionId;
    this.sessionSource = sessionSource;
    this.userId = userId;
    this.conversationId = conversationId;
    this.turnOverride = turnOverride;
    this.previousSessionId = previousSessionId;
    this.userHashed = userHashed;
  }

  /** The session id as recorded (hashed when it came from a cookie); null when none. */
  public String sessionId() {
    return sessionId;
  }

  /** Where the session id came from; {@link SessionSource#NONE} when there is none. */
  public SessionSource sessionSource() {
    return sessionSource;
  }

  /** The user id as recorded (hashed unless user hashing is off); null when unknown. */
  public String userId() {
    return userId;
  }

  /** Whether {@link #userId()} is a hash rather than the id as sent. */
  public boolean userHashed() {
    return userHashed;
  }

  /** The conversation header's value, else the session id; null when neither. */
  public String conversationId() {
    return conversationId;
  }

  /** The turn number the client asked for (1..1,000,000); null to number turns normally. */
  public Long turnOverride() {
    return turnOverride;
  }

  /** The derived session this one replaced after a timeout, on its first request only. */
  public String previousSessionId() {
    return previousSessionId;
  }

  @Override
  public String toString() {
    return "RequestIdentity{session="
        + sessionId
        + " ("
        + sessionSource
        + "), user="
        + userId
        + ", conversation="
        + conversationId
        + ", turnOverride="
        + turnOverride
        + ", previousSession="
        + previousSessionId
        + '}';
  }
}
