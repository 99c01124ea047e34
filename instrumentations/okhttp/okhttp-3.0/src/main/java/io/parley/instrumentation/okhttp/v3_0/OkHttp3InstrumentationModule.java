package io.parley.instrumentation.okhttp.v3_0;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LLM calls made through OkHttp 3.x, 4.x and 5.x (package {@code okhttp3}), which the official
 * OpenAI and Anthropic Java SDKs use: every client gets an application interceptor that records
 * the calls the agent recognises as LLM calls.
 */
public final class OkHttp3InstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "okhttp-3.0";
  }

  @Override
  public String gateClass() {
    return OkHttpNames.CLIENT_BUILDER;
  }

  @Override
  public void registerHooks() {
    ParleyBridge.installOkHttp(new LlmInterceptorInstaller());
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    final ElementMatcher<TypeDescription> type = named(OkHttpNames.CLIENT);
    final Map<ElementMatcher<MethodDescription>, String> advice =
        Collections.<ElementMatcher<MethodDescription>, String>singletonMap(
            isConstructor()
                .and(takesArguments(1))
                .and(takesArgument(0, named(OkHttpNames.CLIENT_BUILDER))),
            OkHttpClientAdvice.class.getName());
    return Collections.<TypeInstrumentation>singletonList(
        new TypeInstrumentation() {
          @Override
          public ElementMatcher<TypeDescription> typeMatcher() {
            return type;
          }

          @Override
          public Map<ElementMatcher<MethodDescription>, String> adviceByMethod() {
            return advice;
          }
        });
  }
}
