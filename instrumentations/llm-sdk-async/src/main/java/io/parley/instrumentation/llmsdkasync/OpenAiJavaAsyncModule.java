package io.parley.instrumentation.llmsdkasync;

import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.List;

/** The OpenAI Java SDK's asynchronous client: its calls keep the caller's context. */
public final class OpenAiJavaAsyncModule implements InstrumentationModule {

  static final String SDK_PACKAGE = "com.openai";

  @Override
  public String name() {
    return "openai-java-async";
  }

  @Override
  public String gateClass() {
    return SdkAsyncModules.prepareRequestClass(SDK_PACKAGE);
  }

  @Override
  public void registerHooks() {
    SdkAsyncModules.registerHooks();
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return SdkAsyncModules.prepareAsync(SDK_PACKAGE);
  }
}
