package io.parley.smoke.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.fakellm.FakeLlmProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §5 through OkHttp: each call of the official OpenAI and Anthropic Java SDKs, and raw OkHttp
 * calls in the OpenAI, Gemini and Ollama formats, made while serving a request, yields exactly one
 * LLM CLIENT span under that request's server span, with the tokens the provider reported and the
 * cost the price table gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(LlmOkHttpApps.Resolver.class)
@Timeout(120)
class OkHttpLlmSpansSmokeTest {

  private LlmOkHttpApps apps;

  @BeforeAll
  void apps(LlmOkHttpApps apps) {
    this.apps = apps;
  }

  private ExpectedLlmSpan expected(
      String operation, String provider, String requestModel, String responseModel, long in, long out, boolean stream) {
    return new ExpectedLlmSpan(operation, provider, requestModel, responseModel, in, out, stream, apps.fake.port());
  }

  @Test
  void openAiSdkChatCompletion() {
    apps.fake.next().usage(1200, 345);
    LlmOkHttpApps.Call call = apps.callWithAgent("/openai/chat");
    assertEquals(
        "model=gpt-4o-mini-2024-07-18\ntext=" + FakeLlmProvider.DEFAULT_TEXT, call.response().body());
    expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 1200, 345, false)
        .assertMatches(call, apps.prices);
  }

  /** The SDK's own thread hop (thenComposeAsync) and OkHttp's dispatcher both keep the request. */
  @Test
  void openAiAsyncSdkCallStaysInItsRequest() {
    apps.fake.next().usage(1250, 350);
    LlmOkHttpApps.Call call = apps.callWithAgent("/openai/chat-async");
    assertEquals(
        "model=gpt-4o-mini-2024-07-18\ntext=" + FakeLlmProvider.DEFAULT_TEXT, call.response().body());
    expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 1250, 350, false)
        .assertMatches(call, apps.prices);
  }

  @Test
  void rawOkHttpEnqueuedCallRunsOnTheDispatcherThreadInItsRequest() {
    apps.fake.next().usage(330, 43);
    LlmOkHttpApps.Call call = apps.callWithAgent("/raw/openai-chat-async");
    assertEquals("status=200", call.response().body().lines().findFirst().orElse(""));
    expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 330, 43, false)
        .assertMatches(call, apps.prices);
  }

  @Test
  void openAiSdkChatCompletionStreamWithIncludeUsage() {
    apps.fake.next().usage(1500, 60);
    LlmOkHttpApps.Call call = apps.callWithAgent("/openai/chat-stream");
    assertEquals("text=" + FakeLlmProvider.DEFAULT_TEXT + "\ninput=1500\noutput=60", call.response().body());
    expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 1500, 60, true)
        .assertMatches(call, apps.prices);
  }

  @Test
  void openAiSdkResponsesApi() {
    apps.fake.next().usage(800, 120);
    LlmOkHttpApps.Call call = apps.callWithAgent("/openai/responses");
    assertEquals(
        "model=gpt-4o-mini-2024-07-18\ntext=" + FakeLlmProvider.DEFAULT_TEXT, call.response().body());
    expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 800, 120, false)
        .assertMatches(call, apps.prices);
  }

  @Test
  void anthropicSdkMessages() {
    apps.fake.next().usage(2100, 90);
    LlmOkHttpApps.Call call = apps.callWithAgent("/anthropic/messages");
    assertEquals(
        "model=claude-sonnet-4-20250514\ntext=" + FakeLlmProvider.DEFAULT_TEXT, call.response().body());
    expected("chat", "anthropic", "claude-sonnet-4-0", "claude-sonnet-4-20250514", 2100, 90, false)
        .assertMatches(call, apps.prices);
  }

  @Test
  void anthropicAsyncSdkCallStaysInItsRequest() {
    apps.fake.next().usage(2050, 85);
    LlmOkHttpApps.Call call = apps.callWithAgent("/anthropic/messages-async");
    assertEquals(
        "model=claude-sonnet-4-20250514\ntext=" + FakeLlmProvider.DEFAULT_TEXT, call.response().body());
    expected("chat", "anthropic", "claude-sonnet-4-0", "claude-sonnet-4-20250514", 2050, 85, false)
        .assertMatches(call, apps.prices);
  }

  @Test
  void anthropicSdkMessagesStream() {
    apps.fake.next().usage(2200, 95);
    LlmOkHttpApps.Call call = apps.callWithAgent("/anthropic/messages-stream");
    assertEquals("text=" + FakeLlmProvider.DEFAULT_TEXT, call.response().body());
    expected("chat", "anthropic", "claude-sonnet-4-0", "claude-sonnet-4-20250514", 2200, 95, true)
        .assertMatches(call, apps.prices);
  }

  @Test
  void rawOkHttpOpenAiCompatibleChat() {
    apps.fake.next().usage(300, 40);
    LlmOkHttpApps.Call call = apps.callWithAgent("/raw/openai-chat");
    assertEquals("status=200", call.response().body().lines().findFirst().orElse(""));
    expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 300, 40, false)
        .assertMatches(call, apps.prices);
  }

  @Test
  void rawOkHttpOpenAiCompatibleChatStream() {
    apps.fake.next().usage(310, 41);
    LlmOkHttpApps.Call call = apps.callWithAgent("/raw/openai-chat-stream");
    assertEquals("status=200", call.response().body().lines().findFirst().orElse(""));
    expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 310, 41, true)
        .assertMatches(call, apps.prices);
  }

  @Test
  void rawOkHttpChatWithTransparentGzip() {
    // OkHttp asks for gzip on its own and decodes it; the agent reads what the application reads
    apps.fake.next().usage(320, 42).gzip(true);
    LlmOkHttpApps.Call call = apps.callWithAgent("/raw/openai-chat");
    assertEquals("status=200", call.response().body().lines().findFirst().orElse(""));
    expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 320, 42, false)
        .assertMatches(call, apps.prices);
  }

  @Test
  void rawOkHttpGeminiGenerateContent() {
    apps.fake.next().usage(400, 50);
    LlmOkHttpApps.Call call = apps.callWithAgent("/raw/gemini");
    assertEquals("status=200", call.response().body().lines().findFirst().orElse(""));
    expected("generate_content", "gcp.gemini", "gemini-2.0-flash", "gemini-2.0-flash-001", 400, 50, false)
        .assertMatches(call, apps.prices);
  }

  @Test
  void rawOkHttpGeminiWithTheKeyInTheQueryString() {
    apps.fake.next().usage(410, 51);
    LlmOkHttpApps.Call call = apps.callWithAgent("/raw/gemini-key-in-query");
    assertEquals("status=200", call.response().body().lines().findFirst().orElse(""));
    expected("generate_content", "gcp.gemini", "gemini-2.0-flash", "gemini-2.0-flash-001", 410, 51, false)
        .assertMatches(call, apps.prices);
  }

  @Test
  void rawOkHttpOllamaChatHasNoCost() {
    apps.fake.next().usage(500, 60);
    LlmOkHttpApps.Call call = apps.callWithAgent("/raw/ollama");
    assertEquals("status=200", call.response().body().lines().findFirst().orElse(""));
    expected("chat", "ollama", "llama3.2", "llama3.2", 500, 60, false).assertMatches(call, apps.prices);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void apiKeysAppearNowhereInTheExportedTelemetry() {
    // the keys really went out (headers, and Gemini's query string), so their absence means something
    assertTrue(
        apps.fake.requests().stream()
            .anyMatch(r -> String.valueOf(r.header("authorization")).contains("sk-test-123-anthropic-sdk")),
        "the Anthropic SDK sent its key");
    assertTrue(
        apps.fake.requests().stream()
            .anyMatch(r -> String.valueOf(r.query()).contains("key=sk-test-123")),
        "the key went in a query string");
    apps.assertNoApiKeyExported();
  }
}
