package io.parley.instrumentation.okhttp.v3_0;

import java.util.List;

/**
 * Puts one {@link LlmInterceptor} first among the application interceptors of every OkHttp client
 * as it is built. {@code newBuilder()} copies a client's interceptors, so a client derived from
 * another keeps the one it has. The OkHttp API is looked up once per OkHttp installation (per
 * builder class, so per class loader); an installation this module cannot use is left alone.
 */
final class LlmInterceptorInstaller {

  /** What this module needs from one OkHttp installation; {@code api} null when unusable. */
  private static final class Installation {
    final OkHttpApi api;
    final Object interceptor;

    Installation(OkHttpApi api, Object interceptor) {
      this.api = api;
      this.interceptor = interceptor;
    }
  }

  private static final ClassValue<Installation> INSTALLATIONS =
      new ClassValue<Installation>() {
        @Override
        protected Installation computeValue(Class<?> builderType) {
          try {
            OkHttpApi api = new OkHttpApi(builderType);
            return new Installation(api, LlmInterceptor.newInterceptor(api));
          } catch (Throwable t) {
            return new Installation(null, null);
          }
        }
      };

  /** Adds the interceptor to {@code builder}, an {@code OkHttpClient.Builder}; never throws. */
  void install(Object builder) {
    try {
      Installation installation = INSTALLATIONS.get(builder.getClass());
      if (installation.api == null) {
        return;
      }
      @SuppressWarnings("unchecked")
      List<Object> interceptors =
          (List<Object>) installation.api.builderInterceptors(builder);
      for (Object interceptor : interceptors) {
        if (LlmInterceptor.isParleys(interceptor)) {
          return;
        }
      }
      interceptors.add(0, installation.interceptor);
    } catch (Throwable ignored) {
      // the client is built without Parley's interceptor
    }
  }
}
