package io.parley.bootstrap;

/**
 * What the agent adds to an outbound HTTP request so that a downstream service running the agent
 * joins the same trace and session (SPEC §6); implemented by the agent, called by the transport
 * modules only through {@link ParleyBridge}.
 */
public interface PropagationHooks {

  /** The headers of the request as the application built it. */
  interface Headers {

    /** Every value of header {@code name} (matched case-insensitively) joined by ","; null when absent. */
    String get(String name);
  }

  /**
   * The headers to set on a request about to be sent from the current thread, as name, value,
   * name, value, ...: each replaces every value of that name (a {@code baggage} value already
   * holds the application's own entries). Headers the application set itself are never among
   * them. Empty when nothing is to be added; never null; never throws.
   */
  String[] outboundHeaders(String method, String url, Headers existing);
}
