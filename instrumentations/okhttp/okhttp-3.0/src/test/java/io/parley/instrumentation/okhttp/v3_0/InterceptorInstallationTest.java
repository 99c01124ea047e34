package io.parley.instrumentation.okhttp.v3_0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Where the interceptor goes in a client's interceptor list, and that it goes there once. */
class InterceptorInstallationTest {

  private final LlmInterceptorInstaller installer = new LlmInterceptorInstaller();

  @Test
  void addedFirstBeforeTheApplicationsInterceptors() {
    Interceptor appInterceptor = chain -> chain.proceed(chain.request());
    OkHttpClient.Builder builder = new OkHttpClient.Builder().addInterceptor(appInterceptor);
    installer.install(builder);
    OkHttpClient client = builder.build();
    assertEquals(2, client.interceptors().size());
    assertTrue(LlmInterceptor.isParleys(client.interceptors().get(0)));
    assertSame(appInterceptor, client.interceptors().get(1));
    assertTrue(client.networkInterceptors().isEmpty());
  }

  @Test
  void aClientDerivedWithNewBuilderKeepsExactlyOne() {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    installer.install(builder);
    OkHttpClient first = builder.build();
    OkHttpClient.Builder derived = first.newBuilder().addInterceptor(chain -> chain.proceed(chain.request()));
    installer.install(derived);
    installer.install(derived);
    OkHttpClient second = derived.build();
    assertEquals(2, second.interceptors().size());
    assertTrue(LlmInterceptor.isParleys(second.interceptors().get(0)));
    assertFalse(LlmInterceptor.isParleys(second.interceptors().get(1)));
  }

  @Test
  void oneSharedInterceptorPerOkHttpInstallation() {
    OkHttpClient.Builder a = new OkHttpClient.Builder();
    OkHttpClient.Builder b = new OkHttpClient.Builder();
    installer.install(a);
    installer.install(b);
    assertSame(a.interceptors().get(0), b.interceptors().get(0));
    Object interceptor = a.interceptors().get(0);
    assertEquals(interceptor, interceptor);
    assertNotEquals(interceptor, new Object());
    assertEquals("ParleyLlmInterceptor", interceptor.toString());
  }

  @Test
  void somethingThatIsNotABuilderIsIgnored() {
    installer.install("not a builder");
    installer.install(new Object());
  }
}
