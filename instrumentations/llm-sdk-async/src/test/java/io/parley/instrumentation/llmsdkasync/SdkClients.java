package io.parley.instrumentation.llmsdkasync;

import com.anthropic.client.AnthropicClientAsyncImpl;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.concurrent.CompletableFuture;

/** The SDKs' asynchronous clients over a {@link Recording} HTTP client, retries off. */
final class SdkClients {

  private SdkClients() {}

  static CompletableFuture<?> openAiChat(Recording recording) {
    return openAi(recording).chat().completions().create(openAiParams());
  }

  static Object openAiChatStreaming(Recording recording) {
    return openAi(recording).chat().completions().createStreaming(openAiParams());
  }

  static CompletableFuture<?> anthropicMessages(Recording recording) {
    return anthropic(recording).messages().create(anthropicParams());
  }

  static Object anthropicMessagesStreaming(Recording recording) {
    return anthropic(recording).messages().createStreaming(anthropicParams());
  }

  private static OpenAIClientAsyncImpl openAi(Recording recording) {
    return new OpenAIClientAsyncImpl(
        com.openai.core.ClientOptions.builder()
            .httpClient(
                new com.openai.core.http.HttpClient() {
                  @Override
                  public com.openai.core.http.HttpResponse execute(
                      com.openai.core.http.HttpRequest request,
                      com.openai.core.RequestOptions options) {
                    throw new UnsupportedOperationException("synchronous call");
                  }

                  @Override
                  public CompletableFuture<com.openai.core.http.HttpResponse> executeAsync(
                      com.openai.core.http.HttpRequest request,
                      com.openai.core.RequestOptions options) {
                    return recording.record();
                  }

                  @Override
                  public void close() {}
                })
            .baseUrl("http://127.0.0.1:9/v1")
            .apiKey("sk-test-async-context")
            .maxRetries(0)
            .build());
  }

  private static AnthropicClientAsyncImpl anthropic(Recording recording) {
    return new AnthropicClientAsyncImpl(
        com.anthropic.core.ClientOptions.builder()
            .httpClient(
                new com.anthropic.core.http.HttpClient() {
                  @Override
                  public com.anthropic.core.http.HttpResponse execute(
                      com.anthropic.core.http.HttpRequest request,
                      com.anthropic.core.RequestOptions options) {
                    throw new UnsupportedOperationException("synchronous call");
                  }

                  @Override
                  public CompletableFuture<com.anthropic.core.http.HttpResponse> executeAsync(
                      com.anthropic.core.http.HttpRequest request,
                      com.anthropic.core.RequestOptions options) {
                    return recording.record();
                  }

                  @Override
                  public void close() {}
                })
            .baseUrl("http://127.0.0.1:9")
            .putHeader("x-api-key", "sk-test-async-context")
            .maxRetries(0)
            .build());
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
