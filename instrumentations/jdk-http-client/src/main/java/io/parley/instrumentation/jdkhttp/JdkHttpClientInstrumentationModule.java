package io.parley.instrumentation.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.bootstrap.JdkHttpBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LLM calls made through {@code java.net.http.HttpClient}: both {@code send} and
 * {@code sendAsync} reach {@code HttpClientImpl}'s private four-argument {@code sendAsync} (JDK 11
 * to 25); {@code send} is hooked too, so that a failed synchronous call ends before the
 * application sees the exception.
 */
public final class JdkHttpClientInstrumentationModule implements InstrumentationModule {

  static final String CLIENT_IMPL = "jdk.internal.net.http.HttpClientImpl";

  @Override
  public String name() {
    return "jdk-http-client";
  }

  @Override
  public String gateClass() {
    return "java.net.http.HttpClient";
  }

  @Override
  public List<String> jdkTypes() {
    return Collections.singletonList(CLIENT_IMPL);
  }

  @Override
  public void registerHooks() {
    JdkHttpBridge.install(new JdkHttpLlmHooks());
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    Map<ElementMatcher<MethodDescription>, String> advice = new LinkedHashMap<>();
    advice.put(
        named("send")
            .and(takesArguments(2))
            .and(takesArgument(0, named("java.net.http.HttpRequest")))
            .and(takesArgument(1, named("java.net.http.HttpResponse$BodyHandler"))),
        HttpClientSendAdvice.class.getName());
    advice.put(
        named("sendAsync")
            .and(takesArguments(4))
            .and(takesArgument(0, named("java.net.http.HttpRequest")))
            .and(takesArgument(1, named("java.net.http.HttpResponse$BodyHandler")))
            .and(takesArgument(3, named("java.util.concurrent.Executor"))),
        HttpClientSendAdvice.class.getName());
    return Collections.singletonList(TypeInstrumentation.forTypes(advice, CLIENT_IMPL));
  }
}
