package io.parley.bootstrap;

/** Agent-side code that puts the propagation headers on a Spring WebClient request. */
public interface SpringWebClientHooks {

  /**
   * A copy of {@code clientRequest} (a {@code ClientRequest}) carrying the headers {@link
   * PropagationHooks} asks for, or null to send it as it is.
   */
  Object propagate(Object clientRequest);
}
