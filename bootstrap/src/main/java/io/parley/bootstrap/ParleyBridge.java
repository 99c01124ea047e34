package io.parley.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The static entry points that inlined advice calls. Lives on the bootstrap class loader so that
 * every application class loader sees the same class; forwards to the agent's {@link ParleyHooks}.
 * Never throws: before the agent installs its hooks every call is a no-op (once the agent has
 * finished starting; while it starts, see {@link #starting}).
 */
public final class ParleyBridge {

  /** Request attribute that marks a request the agent already tracks (nested filters, dispatches). */
  public static final String SERVER_HANDLE_ATTRIBUTE = "io.parley.server.handle";

  /** Request attribute in which Spring MVC stores the matched route pattern. */
  public static final String SPRING_ROUTE_ATTRIBUTE =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private static final String[] NO_NAMES = new String[0];

  /** How long a call waits for the agent to finish starting; it usually takes under a second. */
  static final long START_WAIT_MILLIS = 5_000;

  private static volatile CountDownLatch starting;
  private static volatile ParleyHooks hooks;
  private static volatile LlmHooks llm;
  private static volatile ApacheHttpClient5Hooks apacheHttpClient5;
  private static volatile LlmSdkHooks llmSdk;
  private static volatile SpringAiHooks springAi;
  private static volatile OkHttpHooks okHttp;
  private static volatile PropagationHooks propagation;

  private ParleyBridge() {}

  /**
   * Called by the agent in premain when it finishes starting on another thread: until {@link
   * #started()}, a call that finds the agent's hooks not yet installed waits for them, at most
   * {@link #START_WAIT_MILLIS}, as the application would have waited for premain otherwise.
   */
  public static void starting(CountDownLatch startLatch) {
    starting = startLatch;
  }

  /** Called by the agent when it has started, or failed to. */
  public static void started() {
    CountDownLatch latch = starting;
    starting = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  /** Whether the agent was still starting and now has (the caller reads its hooks again). */
  private static boolean awaitStart() {
    CountDownLatch latch = starting;
    if (latch == null) {
      return false;
    }
    try {
      return latch.await(START_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ParleyHooks hooks() {
    ParleyHooks h = hooks;
    return h != null || !awaitStart() ? h : hooks;
  }

  private static LlmHooks llm() {
    LlmHooks h = llm;
    return h != null || !awaitStart() ? h : llm;
  }

  private static LlmSdkHooks llmSdk() {
    LlmSdkHooks h = llmSdk;
    return h != null || !awaitStart() ? h : llmSdk;
  }

  /** Whether propagation hooks are installed (the transport bridges skip their work otherwise). */
  static boolean propagationInstalled() {
    return propagation != null;
  }

  private static PropagationHooks propagation() {
    PropagationHooks h = propagation;
    return h != null || !awaitStart() ? h : propagation;
  }

  /** Called once by the agent at start. */
  public static void install(ParleyHooks agentHooks) {
    hooks = agentHooks;
  }

  /** Called once by the agent at start, when LLM calls are recorded. */
  public static void installLlm(LlmHooks llmHooks) {
    llm = llmHooks;
  }

  /** Called once by the agent at start, unless propagation is turned off. */
  public static void installPropagation(PropagationHooks propagationHooks) {
    propagation = propagationHooks;
  }

  /**
   * The headers to set on an outbound request sent from the current thread (trace context, and
   * inside a request its session and user), as name, value, ...; empty when none. Never throws.
   */
  public static String[] outboundHeaders(
      String method, String url, PropagationHooks.Headers existing) {
    PropagationHooks h = propagation();
    if (h == null || existing == null) {
      return NO_NAMES;
    }
    try {
      String[] headers = h.outboundHeaders(method, url, existing);
      return headers == null ? NO_NAMES : headers;
    } catch (Throwable t) {
      return NO_NAMES;
    }
  }

  /** Called once by the agent at start, when LLM calls are recorded. */
  public static void installLlmSdk(LlmSdkHooks hooks) {
    llmSdk = hooks;
  }

  public static Object llmSdkStart(
      String provider, String operation, String requestModel, boolean stream) {
    LlmSdkHooks h = llmSdk();
    return h == null ? null : h.llmSdkStart(provider, operation, requestModel, stream);
  }

  /** Returns a token for {@link #llmSdkDetach}, or null when there is nothing to attach. */
  public static Object llmSdkAttach(Object call) {
    LlmSdkHooks h = llmSdk();
    return h == null || call == null ? null : h.llmSdkAttach(call);
  }

  public static void llmSdkDetach(Object token) {
    LlmSdkHooks h = llmSdk();
    if (h != null && token != null) {
      h.llmSdkDetach(token);
    }
  }

  public static void llmSdkChunk(Object call) {
    LlmSdkHooks h = llmSdk();
    if (h != null && call != null) {
      h.llmSdkChunk(call);
    }
  }

  public static void llmSdkEnd(
      Object call,
      String responseModel,
      String responseId,
      Long inputTokens,
      Long outputTokens,
      String[] finishReasons,
      Throwable error) {
    LlmSdkHooks h = llmSdk();
    if (h != null && call != null) {
      h.llmSdkEnd(
          call, responseModel, responseId, inputTokens, outputTokens, finishReasons, error);
    }
  }

  /** Called once by the spring-ai instrumentation module when the agent installs it. */
  public static void installSpringAi(SpringAiHooks hooks) {
    springAi = hooks;
  }

  /** Inlined into {@code ChatModel.call(Prompt)}: the SDK call handle, or null. */
  public static Object springAiChatCallStart(Object chatModel, Object prompt) {
    SpringAiHooks h = springAi;
    return h == null ? null : h.chatCallStart(chatModel, prompt);
  }

  public static void springAiChatCallEnd(Object call, Object chatResponse, Throwable error) {
    SpringAiHooks h = springAi;
    if (h != null && call != null) {
      h.chatCallEnd(call, chatResponse, error);
    }
  }

  /** Inlined into {@code ChatModel.stream(Prompt)}: a publisher to return instead, or null. */
  public static Object springAiChatStream(
      Class<?> publisherType, Class<?> coreSubscriberType, Object chatModel, Object prompt, Object flux) {
    SpringAiHooks h = springAi;
    return h == null || flux == null
        ? null
        : h.chatStream(publisherType, coreSubscriberType, chatModel, prompt, flux);
  }

  /** Called once by the apache-httpclient-5 instrumentation module when the agent installs it. */
  public static void installApacheHttpClient5(ApacheHttpClient5Hooks hooks) {
    apacheHttpClient5 = hooks;
  }

  /** Inlined into HttpClient 5's {@code doExecute}: the LLM call handle, or null. */
  public static Object apacheHttpClient5Start(
      String method, String scheme, String host, int port, String requestUri) {
    ApacheHttpClient5Hooks h = apacheHttpClient5;
    return h == null ? null : h.start(method, scheme, host, port, requestUri);
  }

  /**
   * Inlined into HttpClient 5's {@code doExecute}: the propagation headers to set on the request
   * (name, value, ...), given its own as {@code existing}; empty when none. Never throws.
   */
  public static String[] apacheHttpClient5OutboundHeaders(
      String method, String scheme, String host, int port, String requestUri, String[] existing) {
    ApacheHttpClient5Hooks h = apacheHttpClient5;
    if (h == null || propagation == null) {
      return NO_NAMES;
    }
    try {
      String[] headers = h.outboundHeaders(method, scheme, host, port, requestUri, existing);
      return headers == null ? NO_NAMES : headers;
    } catch (Throwable t) {
      return NO_NAMES;
    }
  }

  /** Returns {@code entity} itself when there is nothing to record. */
  public static Object apacheHttpClient5RequestEntity(
      Class<?> entityType, Object call, Object entity) {
    ApacheHttpClient5Hooks h = apacheHttpClient5;
    return h == null || call == null || entity == null
        ? entity
        : h.requestEntity(entityType, call, entity);
  }

  /** Returns {@code entity} itself when there is nothing to record. */
  public static Object apacheHttpClient5ResponseEntity(
      Class<?> entityType, Object call, Object entity) {
    ApacheHttpClient5Hooks h = apacheHttpClient5;
    return h == null || call == null || entity == null
        ? entity
        : h.responseEntity(entityType, call, entity);
  }

  /** Called once by the OkHttp instrumentation module when the agent installs it. */
  public static void installOkHttp(OkHttpHooks okHttpHooks) {
    okHttp = okHttpHooks;
  }

  /** Inlined into the {@code OkHttpClient(Builder)} constructor, before the builder is read. */
  public static void okHttpClientBuilding(Object builder) {
    OkHttpHooks h = okHttp;
    if (h != null && builder != null) {
      h.clientBuilding(builder);
    }
  }

  /** Inlined into the constructors of OkHttp's asynchronous call, on the caller's thread. */
  public static void okHttpAsyncCallCreated(Object asyncCall) {
    OkHttpHooks h = okHttp;
    if (h != null && asyncCall != null) {
      h.asyncCallCreated(asyncCall);
    }
  }

  /** Inlined at the start of an OkHttp asynchronous call's run, on a dispatcher thread. */
  public static Object okHttpAsyncCallStarting(Object asyncCall) {
    OkHttpHooks h = okHttp;
    return h == null || asyncCall == null ? null : h.asyncCallStarting(asyncCall);
  }

  /** Inlined at the end of an OkHttp asynchronous call's run. */
  public static void okHttpAsyncCallFinished(Object scope) {
    OkHttpHooks h = okHttp;
    if (h != null && scope != null) {
      h.asyncCallFinished(scope);
    }
  }

  public static Object llmStart(String method, String url) {
    LlmHooks h = llm();
    return h == null ? null : h.llmStart(method, url);
  }

  public static void llmRequestBody(Object call, byte[] bytes, int offset, int length) {
    LlmHooks h = llm();
    if (h != null && call != null) {
      h.llmRequestBody(call, bytes, offset, length);
    }
  }

  public static void llmResponseHead(
      Object call, int status, String contentType, String contentEncoding) {
    LlmHooks h = llm();
    if (h != null && call != null) {
      h.llmResponseHead(call, status, contentType, contentEncoding);
    }
  }

  public static void llmResponseBody(Object call, byte[] bytes, int offset, int length) {
    LlmHooks h = llm();
    if (h != null && call != null) {
      h.llmResponseBody(call, bytes, offset, length);
    }
  }

  public static void llmEnd(Object call, Throwable error) {
    LlmHooks h = llm();
    if (h != null && call != null) {
      h.llmEnd(call, error);
    }
  }

  /** Returns {@code in} itself when there is nothing to record. */
  public static java.io.InputStream llmTapResponse(Object call, java.io.InputStream in) {
    LlmHooks h = llm();
    return h == null || call == null || in == null ? in : h.llmTapResponse(call, in);
  }

  /** Returns {@code out} itself when there is nothing to record. */
  public static java.io.OutputStream llmTapRequest(Object call, java.io.OutputStream out) {
    LlmHooks h = llm();
    return h == null || call == null || out == null ? out : h.llmTapRequest(call, out);
  }

  public static String[] serverHeaderNames() {
    ParleyHooks h = hooks();
    return h == null ? NO_NAMES : h.serverHeaderNames();
  }

  public static Object serverStart(
      String method, String path, String[] headerValues, String principal) {
    ParleyHooks h = hooks();
    return h == null ? null : h.serverStart(method, path, headerValues, principal);
  }

  public static void serverDetach(Object handle, String route, String principal) {
    ParleyHooks h = hooks();
    if (h != null && handle != null) {
      h.serverDetach(handle, route, principal);
    }
  }

  public static Object serverAsyncListener(Class<?> listenerType, Object handle, Object response) {
    ParleyHooks h = hooks();
    return h == null || handle == null ? null : h.serverAsyncListener(listenerType, handle, response);
  }

  public static void serverEnd(
      Object handle, int status, Throwable error, String route, String principal) {
    ParleyHooks h = hooks();
    if (h != null && handle != null) {
      h.serverEnd(handle, status, error, route, principal);
    }
  }
}
