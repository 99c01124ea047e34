package io.parley.instrumentation.llmsdkasync;

/** The OpenAI Java SDK's asynchronous client: its calls keep the caller's context. */
public final class OpenAiJavaAsyncModule extends SdkAsyncModule {

  public OpenAiJavaAsyncModule() {
    super("openai-java-async", "com.openai");
  }
}
