package io.parley.agent.session;

/** What identity resolution reads from an inbound request; the agent adapts the servlet one. */
public interface RequestFacts {

  /** The first value of header {@code name}, matched case-insensitively; null when absent. */
  String header(String name);

  /** The already-decoded value of W3C baggage entry {@code key}; null when absent. */
  String baggage(String key);

  /** The authenticated principal's name; null when unauthenticated. */
  String principal();
}
