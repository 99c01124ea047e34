package io.parley.smoke.okhttp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.fakellm.FakeFault;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.otlp.ReceivedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * LLM calls through OkHttp that fail: a stream cut short, Anthropic's in-stream {@code event:
 * error}, HTTP 429 and 500. Each still yields exactly one LLM span, ended with {@code error.type};
 * the application gets exactly what it gets without the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(LlmOkHttpApps.Resolver.class)
@Timeout(120)
class OkHttpLlmFailuresSmokeTest {

  private static final String RATE_LIMIT_BODY =
      "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3,"
          + " Used 3, Requested 1.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
  private static final String SERVER_ERROR_BODY =
      "{\"error\":{\"message\":\"The server had an error while processing your request.\","
          + "\"type\":\"server_error\",\"param\":null,\"code\":null}}";

  private LlmOkHttpApps apps;

  @BeforeAll
  void apps(LlmOkHttpApps apps) {
    this.apps = apps;
  }

  private static void assertFailedSpan(LlmOkHttpApps.Call call, String requestModel) {
    ReceivedSpan span = call.llmSpan();
    assertAll(
        "failed LLM span " + span,
        () -> assertNotNull(span.string("error.type"), "error.type"),
        () -> assertEquals(requestModel, span.string("gen_ai.request.model")),
        () -> assertEquals(call.server().spanId(), span.parentSpanId()),
        () -> assertNotNull(span.longValue("turn.number"), "turn.number"));
  }

  @Test
  void streamCutShortEndsItsSpanWithAnError() {
    apps.fake.next().usage(310, 41).fault(FakeFault.cutStreamAfter(2));
    LlmOkHttpApps.Call call = apps.callWithAgent("/raw/openai-chat-stream");
    assertTrue(call.response().body().contains("\nerror="), "the application saw the cut: " + call.response().body());
    assertFailedSpan(call, "gpt-4o-mini");
    assertTrue(call.llmSpan().string("gen_ai.response.model") != null, "what was seen before the cut is kept");
  }

  @Test
  void anthropicInStreamErrorEventEndsItsSpanWithAnError() {
    apps.fake.next().fault(FakeFault.streamError());
    LlmOkHttpApps.Call call = apps.callWithAgent("/anthropic/messages-stream");
    assertTrue(call.response().body().startsWith("exception="), "the SDK threw: " + call.response().body());
    assertFailedSpan(call, "claude-sonnet-4-0");
  }

  @Test
  void rateLimitedSdkCallIsAnErrorAndTheApplicationSeesWhatItSeesWithoutTheAgent() {
    apps.fake.next().fault(FakeFault.status(429, RATE_LIMIT_BODY));
    LlmOkHttpApps.Call call = apps.callWithAgent("/openai/chat");
    apps.fake.next().fault(FakeFault.status(429, RATE_LIMIT_BODY));
    SmokeHttp.Response withoutAgent = apps.callWithoutAgent("/openai/chat");
    assertTrue(withoutAgent.body().startsWith("exception=com.openai.errors.RateLimitException"), withoutAgent.body());
    assertEquals(withoutAgent.body(), call.response().body());
    assertFailedSpan(call, "gpt-4o-mini");
  }

  @Test
  void serverErrorOnARawCallIsAnErrorAndTheApplicationSeesWhatItSeesWithoutTheAgent() {
    apps.fake.next().fault(FakeFault.status(500, SERVER_ERROR_BODY));
    LlmOkHttpApps.Call call = apps.callWithAgent("/raw/openai-chat");
    apps.fake.next().fault(FakeFault.status(500, SERVER_ERROR_BODY));
    SmokeHttp.Response withoutAgent = apps.callWithoutAgent("/raw/openai-chat");
    assertEquals("status=500\nbody=" + SERVER_ERROR_BODY, withoutAgent.body());
    assertEquals(withoutAgent.body(), call.response().body());
    assertFailedSpan(call, "gpt-4o-mini");
  }

  @Test
  void anthropicSdkServerErrorIsAnError() {
    apps.fake.next().fault(FakeFault.serverError());
    LlmOkHttpApps.Call call = apps.callWithAgent("/anthropic/messages");
    assertTrue(call.response().body().startsWith("exception="), call.response().body());
    assertFailedSpan(call, "claude-sonnet-4-0");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void apiKeysAppearNowhereInTheExportedTelemetry() {
    apps.assertNoApiKeyExported();
  }
}
