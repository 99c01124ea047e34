package io.parley.agent.session;

/** Where a request's session id came from. */
public enum SessionSource {
  HEADER,
  BAGGAGE,
  COOKIE,
  DERIVED,
  NONE
}
