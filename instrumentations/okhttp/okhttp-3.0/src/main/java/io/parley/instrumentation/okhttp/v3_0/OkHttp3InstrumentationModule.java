package io.parley.instrumentation.okhttp.v3_0;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LLM calls made through OkHttp 3.x, 4.x and 5.x (package {@code okhttp3}), which the official
 * OpenAI and Anthropic Java SDKs use: every client gets an application interceptor that records
 * the calls the agent recognises as LLM calls, and asynchronous calls run in their caller's
 * context.
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
    ParleyBridge.installOkHttp(new OkHttpAgentHooks());
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    Map<ElementMatcher<MethodDescription>, String> clientAdvice =
        new LinkedHashMap<ElementMatcher<MethodDescription>, String>();
    clientAdvice.put(
        isConstructor()
            .and(takesArguments(1))
            .and(takesArgument(0, named(OkHttpNames.CLIENT_BUILDER))),
        OkHttpClientAdvice.class.getName());
    Map<ElementMatcher<MethodDescription>, String> asyncAdvice =
        new LinkedHashMap<ElementMatcher<MethodDescription>, String>();
    asyncAdvice.put(isConstructor(), AsyncCallAdvice.Created.class.getName());
    // 4.x/5.x: run(); 3.x: execute(), called by NamedRunnable.run()
    asyncAdvice.put(
        named("run").or(named("execute")).and(takesArguments(0)),
        AsyncCallAdvice.Run.class.getName());
    return Arrays.asList(
        TypeInstrumentation.forTypes(clientAdvice, OkHttpNames.CLIENT),
        TypeInstrumentation.forTypes(
            asyncAdvice, OkHttpNames.ASYNC_CALL_3, OkHttpNames.ASYNC_CALL_4));
  }
}
