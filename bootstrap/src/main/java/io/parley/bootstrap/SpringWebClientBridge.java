package io.parley.bootstrap;

/**
 * The static entry point of the Spring WebClient advice (see {@link SpringWebClientHooks}). Never
 * throws; a no-op until the hooks are installed.
 */
public final class SpringWebClientBridge {

  private static volatile SpringWebClientHooks hooks;

  private SpringWebClientBridge() {}

  /** Called by the instrumentation module when the agent installs it. */
  public static void install(SpringWebClientHooks webClientHooks) {
    hooks = webClientHooks;
  }

  /** Inlined before WebClient's exchange function sends a request: the request to send instead, or null. */
  public static Object propagate(Object clientRequest) {
    SpringWebClientHooks h = hooks;
    if (h == null || clientRequest == null) {
      return null;
    }
    try {
      return h.propagate(clientRequest);
    } catch (Throwable t) {
      return null;
    }
  }
}
