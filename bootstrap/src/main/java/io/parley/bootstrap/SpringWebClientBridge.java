package io.parley.bootstrap;

/**
 * The static entry points of the Spring WebClient advice (see {@link SpringWebClientHooks} and
 * {@link SpringWebClientLlmHooks}). Never throw; no-ops until the hooks are installed.
 */
public final class SpringWebClientBridge {

  private static volatile SpringWebClientHooks hooks;
  private static volatile SpringWebClientLlmHooks llmHooks;

  private SpringWebClientBridge() {}

  /** Called by the instrumentation module when the agent installs it. */
  public static void install(SpringWebClientHooks webClientHooks) {
    hooks = webClientHooks;
  }

  /** Called by the instrumentation module when the agent installs it. */
  public static void installLlm(SpringWebClientLlmHooks webClientLlmHooks) {
    llmHooks = webClientLlmHooks;
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

  /** Inlined before a connector sends a request: the LLM exchange it is, or null. */
  public static Object llmConnect(Object method, Object uri) {
    SpringWebClientLlmHooks h = llmHooks;
    if (h == null || method == null || uri == null) {
      return null;
    }
    try {
      return h.connect(method, uri);
    } catch (Throwable t) {
      return null;
    }
  }

  /** The request callback the connector uses instead of {@code callback}, or {@code callback}. */
  public static Object llmRequestCallback(Object exchange, Object callback) {
    SpringWebClientLlmHooks h = llmHooks;
    if (h == null || exchange == null || callback == null) {
      return callback;
    }
    try {
      Object wrapped = h.requestCallback(exchange, callback);
      return wrapped != null ? wrapped : callback;
    } catch (Throwable t) {
      return callback;
    }
  }

  /** Inlined at the connector's exit: what it returns instead of {@code response}. */
  public static Object llmResponse(Object exchange, Object response, Throwable thrown) {
    SpringWebClientLlmHooks h = llmHooks;
    if (h == null || exchange == null) {
      return response;
    }
    try {
      Object wrapped = h.response(exchange, response, thrown);
      return wrapped != null ? wrapped : response;
    } catch (Throwable t) {
      return response;
    }
  }

  /** Inlined before a connector's request writes {@code body}: the publisher to write instead. */
  public static Object llmRequestBody(Object request, Object body) {
    SpringWebClientLlmHooks h = llmHooks;
    if (h == null || request == null || body == null) {
      return body;
    }
    try {
      Object tapped = h.requestBody(request, body);
      return tapped != null ? tapped : body;
    } catch (Throwable t) {
      return body;
    }
  }

  /** Inlined at the exit of a connector's response {@code getBody()}: the flux to hand out. */
  public static Object llmResponseBody(Object response, Object body) {
    SpringWebClientLlmHooks h = llmHooks;
    if (h == null || response == null || body == null) {
      return body;
    }
    try {
      Object tapped = h.responseBody(response, body);
      return tapped != null ? tapped : body;
    } catch (Throwable t) {
      return body;
    }
  }
}
