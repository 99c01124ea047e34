package io.parley.instrumentation.okhttp.v3_0;

import io.parley.bootstrap.ParleyBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the {@code OkHttpClient(Builder)} constructor, before the client copies the
 * builder's interceptors: hands the builder to the bridge, which adds Parley's interceptor. The
 * builder is typed {@code Object} so that the inlined code names no OkHttp type (see
 * {@link OkHttpNames}).
 */
public final class OkHttpClientAdvice {

  private OkHttpClientAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.Argument(0) Object builder) {
    ParleyBridge.okHttpClientBuilding(builder);
  }
}
