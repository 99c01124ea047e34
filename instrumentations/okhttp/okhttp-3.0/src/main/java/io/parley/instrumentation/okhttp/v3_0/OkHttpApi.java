package io.parley.instrumentation.okhttp.v3_0;

import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The OkHttp and Okio methods the interceptor calls, looked up once per application class loader.
 * Works with OkHttp 3.x (Java, Okio 1.x) and 4.x/5.x (Kotlin, Okio 2.x/3.x): the methods used
 * here have the same JVM signatures in all of them; the few that differ are optional. Every call
 * rethrows what the application's code threw, unwrapped.
 */
final class OkHttpApi {

  final Class<?> interceptorType;
  final Class<?> sourceType;

  private final Method builderInterceptors;
  private final Method chainRequest;
  private final Method chainProceed;
  private final Method requestMethod;
  private final Method requestUrl;
  private final Method requestHeader;
  private final Method requestBody;
  private final Method requestBodyContentLength;
  private final Method requestBodyIsOneShot; // null before OkHttp 3.14
  private final Method requestBodyIsDuplex; // null before OkHttp 3.14
  private final Method requestBodyWriteTo;
  private final Class<?> bufferType;
  private final Method bufferSize;
  private final Method bufferReadByteArray;
  private final Method bufferCopyTo;
  private final Method responseCode;
  private final Method responseHeader;
  private final Method responseBody;
  private final Method responseNewBuilder;
  private final Method responseBuilderBody;
  private final Method responseBuilderBuild;
  private final Method bodyContentType;
  private final Method bodyContentLength;
  private final Method bodySource;
  private final Method createBody;
  private final boolean createBodySourceFirst;
  private final Method bufferedSourceOf;

  /** Looks the API up in the loader that defined {@code builderType}; throws if it is not there. */
  OkHttpApi(Class<?> builderType) throws ReflectiveOperationException {
    ClassLoader loader = builderType.getClassLoader();
    interceptorType = type(OkHttpNames.INTERCEPTOR, loader);
    sourceType = type(OkHttpNames.SOURCE, loader);
    Class<?> chain = type(OkHttpNames.CHAIN, loader);
    Class<?> request = type(OkHttpNames.REQUEST, loader);
    Class<?> requestBodyType = type(OkHttpNames.REQUEST_BODY, loader);
    Class<?> response = type(OkHttpNames.RESPONSE, loader);
    Class<?> responseBodyType = type(OkHttpNames.RESPONSE_BODY, loader);
    Class<?> mediaType = type(OkHttpNames.MEDIA_TYPE, loader);
    Class<?> bufferedSource = type(OkHttpNames.BUFFERED_SOURCE, loader);
    Class<?> bufferedSink = type(OkHttpNames.BUFFERED_SINK, loader);
    bufferType = type(OkHttpNames.BUFFER, loader);

    builderInterceptors = builderType.getMethod("interceptors");
    chainRequest = chain.getMethod("request");
    chainProceed = chain.getMethod("proceed", request);
    requestMethod = request.getMethod("method");
    requestUrl = request.getMethod("url");
    requestHeader = request.getMethod("header", String.class);
    requestBody = request.getMethod("body");
    requestBodyContentLength = requestBodyType.getMethod("contentLength");
    requestBodyIsOneShot = optionalMethod(requestBodyType, "isOneShot");
    requestBodyIsDuplex = optionalMethod(requestBodyType, "isDuplex");
    requestBodyWriteTo = requestBodyType.getMethod("writeTo", bufferedSink);
    bufferSize = bufferType.getMethod("size");
    bufferReadByteArray = bufferType.getMethod("readByteArray");
    bufferCopyTo = bufferType.getMethod("copyTo", OutputStream.class, long.class, long.class);
    responseCode = response.getMethod("code");
    responseHeader = response.getMethod("header", String.class);
    responseBody = response.getMethod("body");
    responseNewBuilder = response.getMethod("newBuilder");
    Class<?> responseBuilder = responseNewBuilder.getReturnType();
    responseBuilderBody = responseBuilder.getMethod("body", responseBodyType);
    responseBuilderBuild = responseBuilder.getMethod("build");
    bodyContentType = responseBodyType.getMethod("contentType");
    bodyContentLength = responseBodyType.getMethod("contentLength");
    bodySource = responseBodyType.getMethod("source");
    // 3.x: create(MediaType, long, BufferedSource); 4.x/5.x keep it (deprecated) and add
    // create(BufferedSource, MediaType, long), the Java name of BufferedSource.asResponseBody
    Method create = optionalStatic(responseBodyType, "create", mediaType, long.class, bufferedSource);
    boolean sourceFirst = false;
    if (create == null) {
      create = responseBodyType.getMethod("create", bufferedSource, mediaType, long.class);
      sourceFirst = true;
    }
    createBody = create;
    createBodySourceFirst = sourceFirst;
    bufferedSourceOf = type(OkHttpNames.OKIO_FACADE, loader).getMethod("buffer", sourceType);
  }

  Object builderInterceptors(Object builder) throws Throwable {
    return call(builderInterceptors, builder);
  }

  Object chainRequest(Object chain) throws Throwable {
    return call(chainRequest, chain);
  }

  Object proceed(Object chain, Object request) throws Throwable {
    return call(chainProceed, chain, request);
  }

  String requestMethod(Object request) throws Throwable {
    return (String) call(requestMethod, request);
  }

  String requestUrl(Object request) throws Throwable {
    return String.valueOf(call(requestUrl, request));
  }

  String requestHeader(Object request, String name) throws Throwable {
    return (String) call(requestHeader, request, name);
  }

  Object requestBody(Object request) throws Throwable {
    return call(requestBody, request);
  }

  long requestBodyContentLength(Object body) throws Throwable {
    return (Long) call(requestBodyContentLength, body);
  }

  /** One-shot and duplex bodies can be written only once, by OkHttp. */
  boolean requestBodyWritableTwice(Object body) throws Throwable {
    return !(requestBodyIsOneShot != null && (Boolean) call(requestBodyIsOneShot, body))
        && !(requestBodyIsDuplex != null && (Boolean) call(requestBodyIsDuplex, body));
  }

  /** Writes the request body into a fresh in-memory buffer and returns its bytes. */
  byte[] requestBodyBytes(Object body) throws Throwable {
    Object buffer = bufferType.getConstructor().newInstance();
    call(requestBodyWriteTo, body, buffer);
    return (byte[]) call(bufferReadByteArray, buffer);
  }

  int responseCode(Object response) throws Throwable {
    return (Integer) call(responseCode, response);
  }

  String responseHeader(Object response, String name) throws Throwable {
    return (String) call(responseHeader, response, name);
  }

  Object responseBody(Object response) throws Throwable {
    return call(responseBody, response);
  }

  Object contentType(Object responseBody) throws Throwable {
    return call(bodyContentType, responseBody);
  }

  long contentLength(Object responseBody) throws Throwable {
    return (Long) call(bodyContentLength, responseBody);
  }

  Object source(Object responseBody) throws Throwable {
    return call(bodySource, responseBody);
  }

  /** A copy of {@code response} whose body reads from {@code source}. */
  Object withBody(Object response, Object contentType, long contentLength, Object source)
      throws Throwable {
    Object buffered = call(bufferedSourceOf, null, source);
    Object body =
        createBodySourceFirst
            ? call(createBody, null, buffered, contentType, contentLength)
            : call(createBody, null, contentType, contentLength, buffered);
    Object builder = call(responseNewBuilder, response);
    call(responseBuilderBody, builder, body);
    return call(responseBuilderBuild, builder);
  }

  long bufferSize(Object buffer) throws Throwable {
    return (Long) call(bufferSize, buffer);
  }

  /** Copies bytes of {@code buffer} to {@code out} without consuming them. */
  void copyTo(Object buffer, OutputStream out, long offset, long count) throws Throwable {
    call(bufferCopyTo, buffer, out, offset, count);
  }

  static Object call(Method method, Object target, Object... args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Class<?> type(String name, ClassLoader loader) throws ClassNotFoundException {
    return Class.forName(name, false, loader);
  }

  private static Method optionalMethod(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Method optionalStatic(Class<?> type, String name, Class<?>... parameters) {
    try {
      Method method = type.getMethod(name, parameters);
      return Modifier.isStatic(method.getModifiers()) ? method : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
