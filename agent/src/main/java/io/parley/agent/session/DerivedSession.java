package io.parley.agent.session;

/** A session id derived from a user, with the id it replaced when this is its first request. */
public final class DerivedSession {

  private final String id;
  private final String previousId;

  DerivedSession(String id, String previousId) {
    this.id = id;
    this.previousId = previousId;
  }

  public String id() {
    return id;
  }

  /** The user's timed-out session this one replaces, on the new session's first request only. */
  public String previousId() {
    return previousId;
  }
}
