package io.parley.agent.session;

/** What identity resolution reads from an inbound request; the agent adapts the servlet one. */
public interface RequestFacts {

  /** The first value of header {@code name}, matched case-insensitively; null when absent. */
  String header(String name);

  /** The already-decoded value of W3C baggage entry {@code key}; null when absent. */
  String baggage(String key);

  /**
   * The properties of W3C baggage entry {@code key} (what follows its value after {@code ;}), or
   * null when it has none or is absent.
   */
  default String baggageMetadata(String key) {
    return null;
  }

  /** The authenticated principal's name; null when unauthenticated. */
  String principal();
}
