package io.parley.instrumentation.apachehttpclient.v4;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.instrumentation.apachehttpclient.v5.ApacheHttpClient5LlmHooks;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LLM calls and propagation through Apache HttpClient 4.x classic (the AWS SDK's default
 * synchronous client among others): every {@code execute} overload of {@code CloseableHttpClient}
 * reaches {@code doExecute(HttpHost, HttpRequest, HttpContext)}. Uses the agent-side hooks of the
 * HttpClient 5 module, which reach entities by reflection whatever their version.
 */
public final class ApacheHttpClient4InstrumentationModule implements InstrumentationModule {

  static final String CLOSEABLE_HTTP_CLIENT = "org.apache.http.impl.client.CloseableHttpClient";

  @Override
  public String name() {
    return "apache-httpclient-4";
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
    Map<ElementMatcher<MethodDescription>, String> advice =
        Collections.<ElementMatcher<MethodDescription>, String>singletonMap(
            named("doExecute")
                .and(takesArguments(3))
                .and(takesArgument(0, named("org.apache.http.HttpHost")))
                .and(takesArgument(1, named("org.apache.http.HttpRequest")))
                .and(takesArgument(2, named("org.apache.http.protocol.HttpContext")))
                .and(not(isAbstract())),
            DoExecuteAdvice.class.getName());
    return Collections.singletonList(
        TypeInstrumentation.forSubtypes(CLOSEABLE_HTTP_CLIENT, advice, "doExecute"));
  }
}
