package io.parley.agent.session;

/** A kind of place an id is read from; rejections are counted and rate-limited per kind. */
public enum IdSourceKind {
  SESSION_HEADER("session id", "header", "trying the next source"),
  SESSION_BAGGAGE("session id", "baggage", "trying the next source"),
  SESSION_COOKIE("session id", "cookie", "trying the next source"),
  USER_HEADER("user id", "header", "trying the next source"),
  USER_BAGGAGE("user id", "baggage", "trying the next source"),
  USER_PRINCIPAL("user id", "principal", "no user recorded"),
  CONVERSATION_HEADER("conversation id", "header", "using the session id"),
  TURN_HEADER("turn number", "header", "numbering the turn itself");

  private final String what;
  private final String place;
  private final String fallback;
  private final String logKey;

  IdSourceKind(String what, String place, String fallback) {
    this.what = what;
    this.place = place;
    this.fallback = fallback;
    this.logKey = "session.rejected." + name();
  }

  /** What is read, e.g. "session id". */
  public String what() {
    return what;
  }

  /** Where it is read, e.g. "header"; followed by the header, key or cookie name in logs. */
  public String place() {
    return place;
  }

  /** What happens after a rejection, for the log line. */
  String fallback() {
    return fallback;
  }

  /** Rate-limit key of this kind's rejection warnings. */
  String logKey() {
    return logKey;
  }
}
