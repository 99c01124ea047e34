package io.parley.instrumentation.springai.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.TestAgent;
import io.parley.fakellm.FakeFault;
import io.parley.fakellm.FakeLlmProvider;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.retry.support.RetryTemplate;
import reactor.core.publisher.Flux;
import reactor.util.context.Context;

/**
 * Spring AI's OpenAI chat model against the fake provider: what the SDK hooks report for calls
 * and streams, and that the application sees the same responses, elements and errors.
 */
class SpringAiChatModelTest {

  private static FakeLlmProvider llm;
  private static OpenAiChatModel model;
  private RecordingSdkHooks hooks;

  @BeforeAll
  static void start() {
    TestAgent.install(new SpringAiInstrumentationModule());
    llm = FakeLlmProvider.started();
    OpenAiApi api = OpenAiApi.builder().baseUrl(llm.baseUrl()).apiKey("sk-test-module").build();
    model =
        OpenAiChatModel.builder()
            .openAiApi(api)
            .defaultOptions(
                OpenAiChatOptions.builder().model("gpt-4o-mini").streamUsage(true).build())
            .retryTemplate(RetryTemplate.builder().maxAttempts(1).build())
            .build();
  }

  @AfterAll
  static void stop() {
    llm.close();
  }

  @BeforeEach
  void install() {
    llm.reset();
    llm.datedModels();
    hooks = new RecordingSdkHooks();
    ParleyBridge.installLlmSdk(hooks);
  }

  @AfterEach
  void uninstall() {
    ParleyBridge.installLlmSdk(null);
  }

  @Test
  void callIsOneSdkCallWithSpringAisModelUsageAndFinishReason() {
    ChatResponse response = model.call(new Prompt("hello"));

    assertEquals(FakeLlmProvider.DEFAULT_TEXT, response.getResult().getOutput().getText());
    assertEquals(List.of("openai chat gpt-4o-mini stream=false"), hooks.starts());
    assertEquals(List.of("gpt-4o-mini-2024-07-18 true 17 9 [STOP]"), hooks.ends());
    assertEquals(List.of(Thread.currentThread().getName()), hooks.attachedThreads);
    assertNull(hooks.attachedHere(), "detached after the call");
  }

  @Test
  void promptOptionsNameTheRequestModel() {
    model.call(new Prompt("hello", OpenAiChatOptions.builder().model("gpt-4.1").build()));

    assertEquals(List.of("openai chat gpt-4.1 stream=false"), hooks.starts());
  }

  @Test
  void callFailureEndsWithTheExceptionTheApplicationGets() {
    llm.failNext(FakeFault.rateLimited(0));
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> model.call(new Prompt("hi")));

    assertEquals(1, hooks.ends().size());
    assertSame(thrown, hooks.endErrors.get(0));
  }

  @Test
  void streamSubscriptionIsOneSdkCallWithTheLastChunksUsage() {
    String withoutAgent = text(streamed(false));
    String withAgent = text(streamed(true));

    assertEquals(withoutAgent, withAgent);
    assertEquals(FakeLlmProvider.DEFAULT_TEXT, withAgent);
    assertEquals(List.of("openai chat gpt-4o-mini stream=true"), hooks.starts());
    assertEquals(List.of("gpt-4o-mini-2024-07-18 true 17 9 [STOP]"), hooks.ends());
    assertTrue(hooks.chunks >= 5, "chunks seen: " + hooks.chunks);
  }

  @Test
  void nothingIsRecordedUntilTheStreamIsSubscribedAndEachSubscriptionIsACall() {
    Flux<ChatResponse> flux = model.stream(new Prompt("hello"));
    assertEquals(List.of(), hooks.starts());
    flux.collectList().block(Duration.ofSeconds(20));
    flux.collectList().block(Duration.ofSeconds(20));
    assertEquals(2, hooks.starts().size());
    assertEquals(2, hooks.ends().size());
  }

  @Test
  void cancelledStreamEndsOnceWithWhatWasSeen() {
    List<ChatResponse> first = model.stream(new Prompt("hello")).take(1).collectList().block(Duration.ofSeconds(20));

    assertEquals(1, first.size());
    assertEquals(1, hooks.ends().size());
    assertNull(hooks.endErrors.get(0));
  }

  @Test
  void streamErrorEndsWithTheErrorTheApplicationGets() {
    llm.failNext(FakeFault.serverError());
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () -> model.stream(new Prompt("hello")).collectList().block(Duration.ofSeconds(20)));

    assertEquals(1, hooks.ends().size());
    assertTrue(
        hooks.endErrors.get(0) == thrown || hooks.endErrors.get(0) == thrown.getCause(),
        "recorded " + hooks.endErrors.get(0) + ", thrown " + thrown);
  }

  @Test
  void reactorContextReachesTheModelsFlux() {
    ChatModel contextual = new ContextEchoModel();
    List<ChatResponse> responses =
        contextual.stream(new Prompt("x")).contextWrite(Context.of("tenant", "t-42")).collectList().block();

    assertEquals("t-42", responses.get(0).getResult().getOutput().getText());
    assertEquals(1, hooks.ends().size());
  }

  @Test
  void chatModelDelegatingToAnotherIsOneCall() {
    ChatModel decorating = new DelegatingModel(model);
    decorating.call(new Prompt("hello"));
    decorating.stream(new Prompt("hello")).collectList().block(Duration.ofSeconds(20));

    assertEquals(2, hooks.starts().size(), hooks.starts().toString());
    assertEquals(2, hooks.ends().size());
  }

  @Test
  void providerComesFromTheSpringAiModule() {
    assertEquals("openai", SpringAiProviders.of(OpenAiChatModel.class));
    assertNull(SpringAiProviders.of(DelegatingModel.class));
  }

  private List<ChatResponse> streamed(boolean recorded) {
    ParleyBridge.installLlmSdk(recorded ? hooks : null);
    try {
      return model.stream(new Prompt("hello")).collectList().block(Duration.ofSeconds(20));
    } finally {
      ParleyBridge.installLlmSdk(hooks);
    }
  }

  private static String text(List<ChatResponse> responses) {
    return responses.stream()
        .filter(r -> r.getResult() != null && r.getResult().getOutput().getText() != null)
        .map(r -> r.getResult().getOutput().getText())
        .collect(Collectors.joining());
  }

  /** An application's chat model that adds behaviour around another one. */
  static final class DelegatingModel implements ChatModel {
    private final ChatModel inner;

    DelegatingModel(ChatModel inner) {
      this.inner = inner;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
      return inner.call(prompt);
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
      return inner.stream(prompt);
    }
  }

  /** Streams one response whose text is the subscriber's Reactor context value. */
  static final class ContextEchoModel implements ChatModel {
    @Override
    public ChatResponse call(Prompt prompt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
      return Flux.deferContextual(
          ctx ->
              Flux.just(
                  new ChatResponse(
                      List.of(new Generation(new AssistantMessage(ctx.getOrDefault("tenant", "none")))))));
    }
  }
}
