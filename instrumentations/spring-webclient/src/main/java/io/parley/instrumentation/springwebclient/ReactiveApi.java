package io.parley.instrumentation.springwebclient;

import io.parley.instrumentation.api.ReflectiveCall;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The few Reactor and Spring methods the LLM hooks call, resolved once per class (one set per
 * application class loader, in practice) through reflection: those classes belong to the
 * application, which the agent's class loader cannot see.
 */
final class ReactiveApi {

  private static final ClassValue<ReactiveApi> API =
      new ClassValue<ReactiveApi>() {
        @Override
        protected ReactiveApi computeValue(Class<?> springType) {
          try {
            return new ReactiveApi(springType.getClassLoader());
          } catch (ReflectiveOperationException | LinkageError e) {
            return null;
          }
        }
      };

  private final Class<?> mono;
  private final Class<?> flux;
  private final Method monoDoOnNext;
  private final Method monoDoOnSuccess;
  private final Method monoDoOnError;
  private final Method monoDoOnCancel;
  private final Method fluxFrom;
  private final Method fluxDoOnNext;
  private final Method fluxDoOnComplete;
  private final Method fluxDoOnError;
  private final Method fluxDoOnCancel;
  private final Method readPosition;
  private final Method readableByteCount;
  /** {@code toByteBuffer(int, ByteBuffer, int, int)} (Spring 6), else null. */
  private final Method copyInto;
  /** {@code asByteBuffer(int, int)} (Spring 5), used without {@link #copyInto}. */
  private final Method view;
  private final Method methodName;
  private final Method statusCode;
  private final Method statusValue;
  private final Method headers;
  private final Method firstHeader;

  private ReactiveApi(ClassLoader loader) throws ReflectiveOperationException {
    mono = Class.forName("reactor.core.publisher.Mono", false, loader);
    flux = Class.forName("reactor.core.publisher.Flux", false, loader);
    Class<?> publisher = Class.forName("org.reactivestreams.Publisher", false, loader);
    Class<?> dataBuffer =
        Class.forName("org.springframework.core.io.buffer.DataBuffer", false, loader);
    Class<?> response =
        Class.forName(
            "org.springframework.http.client.reactive.ClientHttpResponse", false, loader);
    Class<?> httpHeaders = Class.forName("org.springframework.http.HttpHeaders", false, loader);
    monoDoOnNext = mono.getMethod("doOnNext", Consumer.class);
    monoDoOnSuccess = mono.getMethod("doOnSuccess", Consumer.class);
    monoDoOnError = mono.getMethod("doOnError", Consumer.class);
    monoDoOnCancel = mono.getMethod("doOnCancel", Runnable.class);
    fluxFrom = flux.getMethod("from", publisher);
    fluxDoOnNext = flux.getMethod("doOnNext", Consumer.class);
    fluxDoOnComplete = flux.getMethod("doOnComplete", Runnable.class);
    fluxDoOnError = flux.getMethod("doOnError", Consumer.class);
    fluxDoOnCancel = flux.getMethod("doOnCancel", Runnable.class);
    readPosition = dataBuffer.getMethod("readPosition");
    readableByteCount = dataBuffer.getMethod("readableByteCount");
    copyInto = optional(dataBuffer, "toByteBuffer", int.class, ByteBuffer.class, int.class, int.class);
    view = copyInto != null ? null : dataBuffer.getMethod("asByteBuffer", int.class, int.class);
    methodName = Class.forName("org.springframework.http.HttpMethod", false, loader).getMethod("name");
    statusCode = response.getMethod("getStatusCode");
    statusValue = statusCode.getReturnType().getMethod("value");
    headers = response.getMethod("getHeaders");
    firstHeader = httpHeaders.getMethod("getFirst", String.class);
  }

  private static Method optional(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** The API as {@code springObject}'s class loader sees it, or null if it has no Reactor. */
  static ReactiveApi of(Object springObject) {
    return API.get(springObject.getClass());
  }

  String methodName(Object httpMethod) throws ReflectiveOperationException {
    return String.valueOf(methodName.invoke(httpMethod));
  }

  int status(Object response) throws ReflectiveOperationException {
    return ((Number) statusValue.invoke(statusCode.invoke(response))).intValue();
  }

  String header(Object response, String name) throws ReflectiveOperationException {
    return (String) firstHeader.invoke(headers.invoke(response), name);
  }

  /** The readable bytes of a {@code DataBuffer}, copied; its read position is left alone. */
  byte[] readable(Object dataBuffer) throws ReflectiveOperationException {
    int from = ((Number) readPosition.invoke(dataBuffer)).intValue();
    int length = ((Number) readableByteCount.invoke(dataBuffer)).intValue();
    byte[] copy = new byte[length];
    if (length > 0) {
      if (copyInto != null) {
        copyInto.invoke(dataBuffer, from, ByteBuffer.wrap(copy), 0, length);
      } else {
        ((ByteBuffer) view.invoke(dataBuffer, from, length)).duplicate().get(copy);
      }
    }
    return copy;
  }

  /**
   * {@code publisher} with {@code onNext} called for each element before it goes on; a {@code
   * Mono} stays a {@code Mono} (Spring sends a {@code Mono} body with its length, a {@code Flux}
   * one chunked).
   */
  Object peek(Object publisher, Consumer<Object> onNext) throws ReflectiveOperationException {
    if (mono.isInstance(publisher)) {
      return ReflectiveCall.invoke(monoDoOnNext, publisher, onNext);
    }
    Object asFlux =
        flux.isInstance(publisher) ? publisher : ReflectiveCall.invoke(fluxFrom, null, publisher);
    return ReflectiveCall.invoke(fluxDoOnNext, asFlux, onNext);
  }

  /** A {@code Mono} watched: its value or empty completion, its error, its cancellation. */
  Object watchMono(
      Object mono, Consumer<Object> onSuccess, Consumer<Object> onError, Runnable onCancel)
      throws ReflectiveOperationException {
    Object watched = ReflectiveCall.invoke(monoDoOnSuccess, mono, onSuccess);
    watched = ReflectiveCall.invoke(monoDoOnError, watched, onError);
    return ReflectiveCall.invoke(monoDoOnCancel, watched, onCancel);
  }

  /** A {@code Flux} watched: each element, completion, error and cancellation. */
  Object watchFlux(
      Object flux,
      Consumer<Object> onNext,
      Runnable onComplete,
      Consumer<Object> onError,
      Runnable onCancel)
      throws ReflectiveOperationException {
    Object watched = ReflectiveCall.invoke(fluxDoOnNext, flux, onNext);
    watched = ReflectiveCall.invoke(fluxDoOnComplete, watched, onComplete);
    watched = ReflectiveCall.invoke(fluxDoOnError, watched, onError);
    return ReflectiveCall.invoke(fluxDoOnCancel, watched, onCancel);
  }

  boolean isFlux(Object publisher) {
    return flux.isInstance(publisher);
  }
}
