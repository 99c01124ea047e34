package io.parley.instrumentation.jdkhttp;

import io.parley.bootstrap.CallDepth;
import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.JdkHttpBridge;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientImpl.send} and its four-argument {@code sendAsync}: swaps the
 * request for a copy carrying the propagation headers when the agent has any to add, then asks
 * the bridge whether the request is an LLM call and, if so, swaps a one-shot request body for a
 * copy the agent sees as it is pulled, and the application's body handler for the agent's wrapper
 * of it. Only the outermost of the two (send calls sendAsync) acts. References
 * only JDK types and the bootstrap bridge.
 */
public final class HttpClientSendAdvice {

  private HttpClientSendAdvice() {}

  @SuppressWarnings({"rawtypes", "UnusedAssignment"})
  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.Argument(value = 0, readOnly = false) HttpRequest request,
      @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler handler) {
    if (CallDepth.enter(CallDepth.JDK_HTTP_CLIENT) != 0 || request == null || handler == null) {
      return null;
    }
    Object propagated = JdkHttpBridge.propagate(request);
    if (propagated instanceof HttpRequest) {
      request = (HttpRequest) propagated;
    }
    Object call = ParleyBridge.llmStart(request.method(), request.uri().toString());
    if (call == null) {
      return null;
    }
    Object tapped = JdkHttpBridge.tapRequestBody(call, request);
    if (tapped instanceof HttpRequest) {
      request = (HttpRequest) tapped;
    }
    Object wrapped = JdkHttpBridge.send(call, request, handler);
    if (!(wrapped instanceof HttpResponse.BodyHandler)) {
      return null;
    }
    handler = (HttpResponse.BodyHandler) wrapped;
    return wrapped;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Enter Object exchange,
      @Advice.Return Object returned,
      @Advice.Thrown Throwable thrown) {
    CallDepth.exit(CallDepth.JDK_HTTP_CLIENT);
    if (exchange != null) {
      JdkHttpBridge.sent(exchange, returned, thrown);
    }
  }
}
