package io.parley.instrumentation.llmsdkasync;

import com.anthropic.client.AnthropicClientAsyncImpl;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

/** The SDKs' asynchronous clients over a {@link Recording} HTTP client, retries off unless said. */
final class SdkClients {

  private SdkClients() {}

  static CompletableFuture<?> openAiChat(Recording recording) {
    return openAi(recording, 0).chat().completions().create(openAiParams());
  }

  /** With one retry allowed: the SDK waits on its timer thread, then sends again. */
  static CompletableFuture<?> openAiChatRetried(Recording recording) {
    return openAi(recording, 1).chat().completions().create(openAiParams());
  }

  static CompletableFuture<?> anthropicMessagesRetried(Recording recording) {
    return anthropic(recording, 1).messages().create(anthropicParams());
  }

  static Object openAiChatStreaming(Recording recording) {
    return openAi(recording, 0).chat().completions().createStreaming(openAiParams());
  }

  static CompletableFuture<?> anthropicMessages(Recording recording) {
    return anthropic(recording, 0).messages().create(anthropicParams());
  }

  static Object anthropicMessagesStreaming(Recording recording) {
    return anthropic(recording, 0).messages().createStreaming(anthropicParams());
  }

  private static OpenAIClientAsyncImpl openAi(Recording recording, int maxRetries) {
    return new OpenAIClientAsyncImpl(
        com.openai.core.ClientOptions.builder()
            .httpClient(recordingClient(com.openai.core.http.HttpClient.class, recording))
            .baseUrl("http://127.0.0.1:9/v1")
            .apiKey("sk-test-async-context")
            .maxRetries(maxRetries)
            .build());
  }

  private static AnthropicClientAsyncImpl anthropic(Recording recording, int maxRetries) {
    return new AnthropicClientAsyncImpl(
        com.anthropic.core.ClientOptions.builder()
            .httpClient(recordingClient(com.anthropic.core.http.HttpClient.class, recording))
            .baseUrl("http://127.0.0.1:9")
            .putHeader("x-api-key", "sk-test-async-context")
            .maxRetries(maxRetries)
            .build());
  }

  /**
   * The SDK's own {@code HttpClient} interface (each SDK has one, with the same methods):
   * {@code executeAsync} records and fails, a synchronous {@code execute} is a test error.
   */
  private static <T> T recordingClient(Class<T> httpClientInterface, Recording recording) {
    return httpClientInterface.cast(
        Proxy.newProxyInstance(
            SdkClients.class.getClassLoader(),
            new Class<?>[] {httpClientInterface},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "executeAsync":
                  return recording.record();
                case "close":
                  return null;
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            }));
  }

  private static ChatCompletionCreateParams openAiParams() {
    return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Say hello").build();
  }

  private static MessageCreateParams anthropicParams() {
    return MessageCreateParams.builder()
        .model("claude-sonnet-4-0")
        .maxTokens(16)
        .addUserMessage("Say hello")
        .build();
  }
}
