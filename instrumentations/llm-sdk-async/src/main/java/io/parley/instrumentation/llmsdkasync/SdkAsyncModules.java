package io.parley.instrumentation.llmsdkasync;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import io.parley.bootstrap.AsyncContextBridge;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** What the OpenAI and Anthropic modules share: both SDKs are generated from one template. */
final class SdkAsyncModules {

  private SdkAsyncModules() {}

  /** {@code <sdkPackage>.core.PrepareRequest}: holds the static {@code prepareAsync}. */
  static String prepareRequestClass(String sdkPackage) {
    return sdkPackage + ".core.PrepareRequest";
  }

  static List<TypeInstrumentation> prepareAsync(String sdkPackage) {
    Map<ElementMatcher<MethodDescription>, String> advice =
        Collections.<ElementMatcher<MethodDescription>, String>singletonMap(
            named("prepareAsync")
                .and(isStatic())
                .and(returns(named("java.util.concurrent.CompletableFuture"))),
            PrepareAsyncAdvice.class.getName());
    return Collections.singletonList(
        TypeInstrumentation.forTypes(advice, prepareRequestClass(sdkPackage)));
  }

  static void registerHooks() {
    AsyncContextBridge.install(new SdkAsyncContextHooks());
  }
}
