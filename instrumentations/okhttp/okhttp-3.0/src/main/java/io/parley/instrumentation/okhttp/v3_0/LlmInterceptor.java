package io.parley.instrumentation.okhttp.v3_0;

import io.parley.bootstrap.ParleyBridge;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Behind a proxy of the application's {@code okhttp3.Interceptor}, first among the client's
 * application interceptors: above OkHttp's retries, redirects and transparent gzip, so it sees
 * one exchange per call and exactly the bytes the application reads. Requests that are not LLM
 * calls go through untouched; for LLM calls the request body is copied (when OkHttp allows
 * writing it twice) and the response body is replaced by one that reads through a
 * {@link TappedSource}. The application gets the same status, headers, bytes and exceptions.
 */
final class LlmInterceptor implements InvocationHandler {

  /** Larger request bodies are not copied; LLM requests are a few KiB to a few hundred. */
  static final long MAX_REQUEST_COPY = 2L * 1024 * 1024;

  private final OkHttpApi api;

  LlmInterceptor(OkHttpApi api) {
    this.api = api;
  }

  /** A new interceptor object of the application's {@code okhttp3.Interceptor} type. */
  static Object newInterceptor(OkHttpApi api) {
    return Proxy.newProxyInstance(
        api.interceptorType.getClassLoader(),
        new Class<?>[] {api.interceptorType},
        new LlmInterceptor(api));
  }

  /** Whether {@code interceptor} is one Parley added. */
  static boolean isParleys(Object interceptor) {
    return interceptor != null
        && Proxy.isProxyClass(interceptor.getClass())
        && Proxy.getInvocationHandler(interceptor) instanceof LlmInterceptor;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      String name = method.getName();
      if (name.equals("equals")) {
        return proxy == args[0];
      }
      if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      return "ParleyLlmInterceptor";
    }
    if (method.getName().equals("intercept") && args != null && args.length == 1) {
      return intercept(args[0]);
    }
    throw new UnsupportedOperationException(method.toString());
  }

  private Object intercept(Object chain) throws Throwable {
    Object request = api.chainRequest(chain);
    Object call = start(request);
    if (call == null) {
      return api.proceed(chain, request);
    }
    copyRequestBody(call, request);
    Object response;
    try {
      response = api.proceed(chain, request);
    } catch (Throwable t) {
      end(call, t);
      throw t;
    }
    return tapResponse(call, response);
  }

  private Object start(Object request) {
    try {
      // a WebSocket upgrade is not a request/response exchange Parley can read
      if (api.requestHeader(request, "Upgrade") != null) {
        return null;
      }
      return ParleyBridge.llmStart(api.requestMethod(request), api.requestUrl(request));
    } catch (Throwable t) {
      return null;
    }
  }

  private void copyRequestBody(Object call, Object request) {
    try {
      Object body = api.requestBody(request);
      if (body == null || !api.requestBodyWritableTwice(body)) {
        return;
      }
      long length = api.requestBodyContentLength(body);
      if (length < 0 || length > MAX_REQUEST_COPY) {
        return;
      }
      byte[] bytes = api.requestBodyBytes(body);
      ParleyBridge.llmRequestBody(call, bytes, 0, bytes.length);
    } catch (Throwable ignored) {
      // the request goes out unchanged; the call is recorded without what its body said
    }
  }

  private Object tapResponse(Object call, Object response) {
    try {
      ParleyBridge.llmResponseHead(
          call,
          api.responseCode(response),
          api.responseHeader(response, "Content-Type"),
          // null when OkHttp decoded gzip itself: it removes the header along with the encoding
          api.responseHeader(response, "Content-Encoding"));
      Object body = api.responseBody(response);
      if (body == null) {
        end(call, null);
        return response;
      }
      Object contentType = api.contentType(body);
      long contentLength = api.contentLength(body);
      Object original = api.source(body);
      Object tapped =
          Proxy.newProxyInstance(
              api.sourceType.getClassLoader(),
              new Class<?>[] {api.sourceType},
              new TappedSource(api, original, call));
      return api.withBody(response, contentType, contentLength, tapped);
    } catch (Throwable t) {
      // could not tap: hand over the response as OkHttp made it and close the call now
      end(call, null);
      return response;
    }
  }

  private static void end(Object call, Throwable error) {
    try {
      ParleyBridge.llmEnd(call, error);
    } catch (Throwable ignored) {
      // never the application's problem
    }
  }
}
