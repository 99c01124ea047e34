package io.parley.instrumentation.llmsdkasync;

/** The Anthropic Java SDK's asynchronous client: its calls keep the caller's context. */
public final class AnthropicJavaAsyncModule extends SdkAsyncModule {

  public AnthropicJavaAsyncModule() {
    super("anthropic-java-async", "com.anthropic");
  }
}
