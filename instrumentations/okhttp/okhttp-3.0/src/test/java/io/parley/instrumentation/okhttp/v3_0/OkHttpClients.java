package io.parley.instrumentation.okhttp.v3_0;

import okhttp3.OkHttpClient;

/** Clients with and without Parley's interceptor, added the way the constructor advice adds it. */
final class OkHttpClients {

  private OkHttpClients() {}

  static OkHttpClient instrumented() {
    OkHttpClient.Builder builder = new OkHttpClient.Builder().retryOnConnectionFailure(false);
    new LlmInterceptorInstaller().install(builder);
    return builder.build();
  }

  static OkHttpClient plain() {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  }
}
