package io.parley.instrumentation.llmsdkasync;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import io.parley.bootstrap.AsyncContextBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An SDK generated from the template the OpenAI and Anthropic Java SDKs share: its asynchronous
 * client calls the static {@code <package>.core.PrepareRequest.prepareAsync} on the caller's
 * thread, then continues from the returned future with {@code thenComposeAsync}; before a retry
 * it waits on {@code DefaultSleeper.sleepAsync}, whose future a timer thread completes.
 */
abstract class SdkAsyncModule implements InstrumentationModule {

  private final String name;
  private final String prepareRequestClass;
  private final String defaultSleeperClass;

  SdkAsyncModule(String name, String sdkPackage) {
    this.name = name;
    this.prepareRequestClass = sdkPackage + ".core.PrepareRequest";
    this.defaultSleeperClass = sdkPackage + ".core.DefaultSleeper";
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String gateClass() {
    return prepareRequestClass;
  }

  @Override
  public final void registerHooks() {
    AsyncContextBridge.install(new SdkAsyncContextHooks());
  }

  @Override
  public final List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        TypeInstrumentation.forTypes(
            futureReturning(named("prepareAsync").and(isStatic())), prepareRequestClass),
        TypeInstrumentation.forTypes(futureReturning(named("sleepAsync")), defaultSleeperClass));
  }

  /** {@link InCallersContextAdvice} on the methods {@code matcher} names that return a future. */
  private static Map<ElementMatcher<MethodDescription>, String> futureReturning(
      ElementMatcher.Junction<MethodDescription> matcher) {
    return Collections.<ElementMatcher<MethodDescription>, String>singletonMap(
        matcher.and(returns(named("java.util.concurrent.CompletableFuture"))),
        InCallersContextAdvice.class.getName());
  }
}
