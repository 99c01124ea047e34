package io.parley.bootstrap;

/**
 * What the agent does around {@code java.net.http.HttpClient} exchanges: adds the propagation
 * headers to every request, and records the exchanges that are LLM calls. The
 * bootstrap is compiled for Java 8 and cannot name {@code java.net.http} types, so they travel as
 * {@code Object}; the implementation (compiled for Java 11) casts them back.
 */
public interface JdkHttpHooks {

  /**
   * An LLM request is about to be sent: records its body when the publisher can be read twice
   * safely, and returns the {@code BodyHandler} to use instead of {@code handler} (it shows the
   * response to the agent and hands the application exactly what it would have had), or null to
   * leave the handler alone.
   */
  Object send(Object call, Object request, Object handler);

  /**
   * An LLM request whose body can be produced only once (an input stream, a file, a custom
   * publisher such as Spring WebClient's) is about to be sent: returns a copy of {@code request}
   * whose body publisher is the same one, seen by the agent as the client pulls it, or null to
   * send it as it is.
   */
  Object tapRequestBody(Object call, Object request);

  /**
   * A request (any, not only LLM calls) is about to be sent: returns a copy of {@code request}
   * with the propagation headers ({@link ParleyBridge#outboundHeaders}) added, or null when there
   * are none to add.
   */
  Object propagate(Object request);

  /**
   * The send method returned {@code future} (a {@code CompletableFuture}) or threw {@code thrown};
   * {@code exchange} is what {@link #send} returned. Ends the call when the exchange fails before
   * its body completes (refused, timed out, cancelled).
   */
  void sent(Object exchange, Object future, Throwable thrown);
}
