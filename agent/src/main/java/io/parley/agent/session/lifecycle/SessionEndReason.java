package io.parley.agent.session.lifecycle;

/** Why a session's summary was emitted: the values of {@code session.end_reason}. */
public enum SessionEndReason {
  /** No activity for {@code parley.session.timeout}. */
  INACTIVE("inactive"),
  /** Closed early because {@code parley.session.max} sessions were open and it was least active. */
  EVICTED("evicted"),
  /** Still open when the JVM shut down. */
  SHUTDOWN("shutdown");

  private final String value;

  SessionEndReason(String value) {
    this.value = value;
  }

  /** The attribute value, e.g. {@code inactive}. */
  public String value() {
    return value;
  }
}
