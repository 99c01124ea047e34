package io.parley.instrumentation.springwebflux;

import io.parley.instrumentation.api.ReflectiveCall;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.function.Consumer;

/**
 * The Spring WebFlux and Reactor methods the server hooks call, resolved once per request class
 * (one set per application class loader, in practice) through reflection: those classes belong
 * to the application, which the agent's class loader cannot see.
 */
final class WebFluxApi {

  /** Where annotated controllers and router functions under the DispatcherHandler put the route. */
  static final String ROUTE_ATTRIBUTE =
      "org.springframework.web.reactive.HandlerMapping.bestMatchingPattern";

  /** Where a router function served without the DispatcherHandler puts it. */
  static final String ROUTER_FUNCTION_ROUTE_ATTRIBUTE =
      "org.springframework.web.reactive.function.server.RouterFunctions.matchingPattern";

  private static final ClassValue<WebFluxApi> API =
      new ClassValue<WebFluxApi>() {
        @Override
        protected WebFluxApi computeValue(Class<?> requestType) {
          try {
            return new WebFluxApi(requestType.getClassLoader());
          } catch (ReflectiveOperationException | LinkageError e) {
            return null;
          }
        }
      };

  private final Method method;
  private final Method methodName;
  private final Method uri;
  private final Method headers;
  private final Method firstHeader;
  private final Method statusCode;
  private final Method statusValue;
  private final Method attribute;
  private final Class<?> publisher;
  private final Method monoFrom;
  private final Method subscribe;
  private final Method doOnSuccess;
  private final Method doOnError;
  private final Method doOnCancel;

  private WebFluxApi(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> request =
        Class.forName("org.springframework.http.server.reactive.ServerHttpRequest", false, loader);
    Class<?> response =
        Class.forName("org.springframework.http.server.reactive.ServerHttpResponse", false, loader);
    Class<?> exchange =
        Class.forName("org.springframework.web.server.ServerWebExchange", false, loader);
    Class<?> mono = Class.forName("reactor.core.publisher.Mono", false, loader);
    publisher = Class.forName("org.reactivestreams.Publisher", false, loader);
    Class<?> subscriber = Class.forName("org.reactivestreams.Subscriber", false, loader);
    method = request.getMethod("getMethod");
    methodName = method.getReturnType().getMethod("name");
    uri = request.getMethod("getURI");
    headers = request.getMethod("getHeaders");
    firstHeader = headers.getReturnType().getMethod("getFirst", String.class);
    statusCode = response.getMethod("getStatusCode");
    statusValue = statusCode.getReturnType().getMethod("value");
    attribute = exchange.getMethod("getAttribute", String.class);
    monoFrom = mono.getMethod("from", publisher);
    subscribe = mono.getMethod("subscribe", subscriber);
    doOnSuccess = mono.getMethod("doOnSuccess", Consumer.class);
    doOnError = mono.getMethod("doOnError", Consumer.class);
    doOnCancel = mono.getMethod("doOnCancel", Runnable.class);
  }

  /** The API as {@code request}'s class loader sees it, or null if it has no WebFlux. */
  static WebFluxApi of(Object request) {
    return API.get(request.getClass());
  }

  String method(Object request) throws ReflectiveOperationException {
    return String.valueOf(methodName.invoke(method.invoke(request)));
  }

  /** The path as sent (not decoded), like a servlet's request URI. */
  String path(Object request) throws ReflectiveOperationException {
    String path = ((URI) uri.invoke(request)).getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  Object headers(Object request) throws ReflectiveOperationException {
    return headers.invoke(request);
  }

  String header(Object headers, String name) throws ReflectiveOperationException {
    return (String) firstHeader.invoke(headers, name);
  }

  /** The response's status, 200 when none was set. */
  int status(Object response) throws ReflectiveOperationException {
    Object code = statusCode.invoke(response);
    return code == null ? 200 : ((Number) statusValue.invoke(code)).intValue();
  }

  /** The route the handler mapping matched, or null. */
  String route(Object exchange) throws ReflectiveOperationException {
    Object pattern = attribute.invoke(exchange, ROUTE_ATTRIBUTE);
    if (pattern == null) {
      pattern = attribute.invoke(exchange, ROUTER_FUNCTION_ROUTE_ATTRIBUTE);
    }
    return pattern == null ? null : pattern.toString();
  }

  /**
   * A {@code Mono} that subscribes to {@code completion} with {@code inContext} around the
   * subscription, and reports how it ended.
   */
  Object watched(
      final Object completion,
      final SubscriptionScope inContext,
      Consumer<Object> onSuccess,
      Consumer<Object> onError,
      Runnable onCancel)
      throws ReflectiveOperationException {
    InvocationHandler subscribing =
        (proxy, called, args) -> {
          if ("subscribe".equals(called.getName()) && args != null && args.length == 1) {
            try (SubscriptionScope.Open ignored = inContext.open()) {
              subscribe.invoke(completion, args[0]);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
            return null;
          }
          switch (called.getName()) {
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            default:
              return "Parley(" + completion + ")";
          }
        };
    Object source =
        Proxy.newProxyInstance(publisher.getClassLoader(), new Class<?>[] {publisher}, subscribing);
    Object watched = ReflectiveCall.invoke(monoFrom, null, source);
    watched = ReflectiveCall.invoke(doOnSuccess, watched, onSuccess);
    watched = ReflectiveCall.invoke(doOnError, watched, onError);
    return ReflectiveCall.invoke(doOnCancel, watched, onCancel);
  }

  /** What is made current while the completion is subscribed to. */
  interface SubscriptionScope {
    Open open();

    /** Closes what {@link #open()} made current. */
    interface Open extends AutoCloseable {
      @Override
      void close();
    }
  }
}
