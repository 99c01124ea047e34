package io.parley.instrumentation.springwebclient;

import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.PropagationHooks;
import io.parley.bootstrap.SpringWebClientHooks;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;

/**
 * Copies a WebClient {@code ClientRequest} with the propagation headers set, through reflection:
 * Spring's classes belong to the application's class loader, which the agent's cannot see.
 */
final class ClientRequestPropagation implements SpringWebClientHooks {

  /** Spring's API as seen from each request class (one per application class loader, in practice). */
  private static final ClassValue<SpringApi> API =
      new ClassValue<SpringApi>() {
        @Override
        protected SpringApi computeValue(Class<?> requestType) {
          try {
            return new SpringApi(requestType.getClassLoader());
          } catch (ReflectiveOperationException | LinkageError e) {
            return null;
          }
        }
      };

  @Override
  public Object propagate(Object request) {
    SpringApi api = API.get(request.getClass());
    if (api == null) {
      return null;
    }
    try {
      final Object headers = api.headers.invoke(request);
      String method = String.valueOf(api.methodName.invoke(api.method.invoke(request)));
      String url = String.valueOf(api.url.invoke(request));
      final String[] add =
          ParleyBridge.outboundHeaders(
              method, url, new PropagationHooks.Headers() {
                @Override
                public String get(String name) {
                  return api.values(headers, name);
                }
              });
      if (add.length == 0) {
        return null;
      }
      Object builder = api.from.invoke(null, request);
      api.builderHeaders.invoke(builder, (Consumer<Object>) copy -> api.set(copy, add));
      return api.build.invoke(builder);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // the request goes as the application built it
    }
  }

  /** The few Spring methods used, resolved once per class loader. */
  private static final class SpringApi {
    final Method url;
    final Method method;
    final Method methodName;
    final Method headers;
    final Method from;
    final Method builderHeaders;
    final Method build;
    final Method headerValues;
    final Method setHeader;

    SpringApi(ClassLoader loader) throws ReflectiveOperationException {
      Class<?> request =
          Class.forName("org.springframework.web.reactive.function.client.ClientRequest", false, loader);
      Class<?> builder =
          Class.forName(
              "org.springframework.web.reactive.function.client.ClientRequest$Builder", false, loader);
      Class<?> httpHeaders = Class.forName("org.springframework.http.HttpHeaders", false, loader);
      url = request.getMethod("url");
      method = request.getMethod("method");
      methodName = method.getReturnType().getMethod("name");
      headers = request.getMethod("headers");
      from = request.getMethod("from", request);
      builderHeaders = builder.getMethod("headers", Consumer.class);
      build = builder.getMethod("build");
      headerValues = headerValuesMethod(httpHeaders);
      setHeader = httpHeaders.getMethod("set", String.class, String.class);
    }

    /** {@code get(String)} (Spring 7), else the {@code MultiValueMap}'s {@code get(Object)}. */
    private static Method headerValuesMethod(Class<?> httpHeaders) throws NoSuchMethodException {
      try {
        return httpHeaders.getMethod("get", String.class);
      } catch (NoSuchMethodException olderSpring) {
        return httpHeaders.getMethod("get", Object.class);
      }
    }

    /** Every value of header {@code name} joined by ","; null when absent. */
    String values(Object headers, String name) {
      try {
        Object values = headerValues.invoke(headers, name);
        if (!(values instanceof List) || ((List<?>) values).isEmpty()) {
          return null;
        }
        StringBuilder joined = new StringBuilder();
        for (Object value : (List<?>) values) {
          if (joined.length() > 0) {
            joined.append(',');
          }
          joined.append(value);
        }
        return joined.toString();
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    void set(Object headers, String[] namesAndValues) {
      for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
        try {
          setHeader.invoke(headers, namesAndValues[i], namesAndValues[i + 1]);
        } catch (ReflectiveOperationException | RuntimeException e) {
          return;
        }
      }
    }
  }
}
