package io.parley.bootstrap;

/**
 * What the agent does around an Apache HttpClient 5 classic exchange; implemented by the
 * apache-httpclient-5 instrumentation module, called only through {@link ParleyBridge}. The
 * bootstrap cannot name HttpClient types, so entities travel as {@code Object} together with the
 * application's {@code HttpEntity} interface. Every method is safe to call and never throws.
 */
public interface ApacheHttpClient5Hooks {

  /**
   * A request is about to be executed; {@code host} is null when neither the target nor the
   * request names one.
   *
   * @return the LLM call handle when it is one, else null
   */
  Object start(String method, String scheme, String host, int port, String requestUri);

  /**
   * The propagation headers ({@link ParleyBridge#outboundHeaders}) for a request about to be
   * executed, whose own headers are {@code existing} (name, value, ...); as name, value, ...
   */
  String[] outboundHeaders(
      String method, String scheme, String host, int port, String requestUri, String[] existing);

  /**
   * Shows the request entity to the agent: a small repeatable entity is read once more right away;
   * any other is returned wrapped so that what the client writes is seen as it is written.
   *
   * @return the entity to send: {@code entity} itself, or an {@code entityType} wrapping it
   */
  Object requestEntity(Class<?> entityType, Object call, Object entity);

  /**
   * Wraps the response entity so that what the application reads (or has written out) is seen by
   * the agent, and the exchange ends at end of stream, close or error.
   *
   * @return an {@code entityType} wrapping {@code entity}, or {@code entity} itself
   */
  Object responseEntity(Class<?> entityType, Object call, Object entity);
}
