package io.parley.smoke.app.llmokhttp;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;

/**
 * Calls through the official SDKs, built the way their READMEs show, pointed at the configured
 * base URL. Retries are off so that one application call is one HTTP exchange.
 */
final class SdkCalls {

  static final String OPENAI_KEY = "sk-test-123-openai-sdk";
  static final String ANTHROPIC_KEY = "sk-test-123-anthropic-sdk";

  private final OpenAIClient openAi;
  private final OpenAIClientAsync openAiAsync;
  private final AnthropicClient anthropic;
  private final AnthropicClientAsync anthropicAsync;

  SdkCalls(String baseUrl) {
    openAi =
        OpenAIOkHttpClient.builder()
            .baseUrl(baseUrl + "/v1")
            .apiKey(OPENAI_KEY)
            .maxRetries(0)
            .build();
    openAiAsync =
        OpenAIOkHttpClientAsync.builder()
            .baseUrl(baseUrl + "/v1")
            .apiKey(OPENAI_KEY)
            .maxRetries(0)
            .build();
    anthropic =
        AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(ANTHROPIC_KEY).maxRetries(0).build();
    anthropicAsync =
        AnthropicOkHttpClientAsync.builder()
            .baseUrl(baseUrl)
            .apiKey(ANTHROPIC_KEY)
            .maxRetries(0)
            .build();
  }

  String openAiChat() {
    ChatCompletion completion =
        openAi
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("gpt-4o-mini")
                    .addUserMessage("Say hello")
                    .build());
    return "model=" + completion.model()
        + "\ntext=" + completion.choices().get(0).message().content().orElse("");
  }

  /**
   * The asynchronous client: the SDK continues on a thread of its own (thenComposeAsync), then
   * OkHttp runs the call on its dispatcher thread.
   */
  String openAiChatAsync() {
    ChatCompletion completion =
        openAiAsync
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("gpt-4o-mini")
                    .addUserMessage("Say hello")
                    .build())
            .join();
    return "model=" + completion.model()
        + "\ntext=" + completion.choices().get(0).message().content().orElse("");
  }

  String openAiChatStream() {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("gpt-4o-mini")
            .addUserMessage("Say hello")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    StringBuilder text = new StringBuilder();
    long[] tokens = {-1, -1};
    try (StreamResponse<ChatCompletionChunk> stream =
        openAi.chat().completions().createStreaming(params)) {
      stream.stream()
          .forEach(
              chunk -> {
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
                chunk.usage()
                    .ifPresent(
                        usage -> {
                          tokens[0] = usage.promptTokens();
                          tokens[1] = usage.completionTokens();
                        });
              });
    }
    return "text=" + text + "\ninput=" + tokens[0] + "\noutput=" + tokens[1];
  }

  String openAiResponses() {
    Response response =
        openAi
            .responses()
            .create(ResponseCreateParams.builder().model("gpt-4o-mini").input("Say hello").build());
    StringBuilder text = new StringBuilder();
    response.output().forEach(
        item ->
            item.message()
                .ifPresent(
                    message ->
                        message.content().forEach(
                            content -> content.outputText().ifPresent(t -> text.append(t.text())))));
    // the model is a union of free text and known enums; whichever it parsed as, its wire value
    String model =
        response.model().string()
            .orElseGet(() -> response.model().chat().map(Object::toString)
                .orElseGet(() -> response.model().only().map(Object::toString).orElse("?")));
    return "model=" + model + "\ntext=" + text;
  }

  private MessageCreateParams anthropicParams() {
    return MessageCreateParams.builder()
        .model("claude-sonnet-4-0")
        .maxTokens(256)
        .addUserMessage("Say hello")
        .build();
  }

  String anthropicMessages() {
    Message message = anthropic.messages().create(anthropicParams());
    StringBuilder text = new StringBuilder();
    message.content().forEach(block -> block.text().ifPresent(t -> text.append(t.text())));
    return "model=" + message.model().asString() + "\ntext=" + text;
  }

  /** The asynchronous client, joined on the request thread as a servlet would. */
  String anthropicMessagesAsync() {
    Message message = anthropicAsync.messages().create(anthropicParams()).join();
    StringBuilder text = new StringBuilder();
    message.content().forEach(block -> block.text().ifPresent(t -> text.append(t.text())));
    return "model=" + message.model().asString() + "\ntext=" + text;
  }

  String anthropicMessagesStream() {
    StringBuilder text = new StringBuilder();
    try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
        anthropic.messages().createStreaming(anthropicParams())) {
      stream.stream()
          .forEach(
              event ->
                  event
                      .contentBlockDelta()
                      .flatMap(delta -> delta.delta().text())
                      .ifPresent(t -> text.append(t.text())));
    }
    return "text=" + text;
  }
}
