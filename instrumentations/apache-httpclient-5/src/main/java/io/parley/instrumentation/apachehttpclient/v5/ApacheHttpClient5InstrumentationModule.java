package io.parley.instrumentation.apachehttpclient.v5;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LLM calls made through Apache HttpClient 5.x classic: every {@code execute} overload of
 * {@code CloseableHttpClient} reaches {@code doExecute(HttpHost, ClassicHttpRequest, HttpContext)},
 * implemented by {@code InternalHttpClient}, {@code MinimalHttpClient} and any application
 * subclass.
 */
public final class ApacheHttpClient5InstrumentationModule implements InstrumentationModule {

  static final String CLOSEABLE_HTTP_CLIENT =
      "org.apache.hc.client5.http.impl.classic.CloseableHttpClient";

  @Override
  public String name() {
    return "apache-httpclient-5";
  }

  @Override
  public String gateClass() {
    return CLOSEABLE_HTTP_CLIENT;
  }

  @Override
  public void registerHooks() {
    ApacheHttpClient5LlmHooks.install();
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    final Map<ElementMatcher<MethodDescription>, String> advice =
        Collections.<ElementMatcher<MethodDescription>, String>singletonMap(
            named("doExecute")
                .and(takesArguments(3))
                .and(takesArgument(0, named("org.apache.hc.core5.http.HttpHost")))
                .and(takesArgument(1, named("org.apache.hc.core5.http.ClassicHttpRequest")))
                .and(takesArgument(2, named("org.apache.hc.core5.http.protocol.HttpContext")))
                .and(not(isAbstract())),
            DoExecuteAdvice.class.getName());
    return Collections.singletonList(TypeInstrumentation.forSubtypes(CLOSEABLE_HTTP_CLIENT, advice, "doExecute"));
  }
}
