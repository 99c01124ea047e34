package io.parley.smoke.llm;

import static io.parley.smoke.llm.LlmSpanAssertions.assertErrorSpan;
import static io.parley.smoke.llm.LlmSpanAssertions.assertLlmSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parley.fakellm.FakeFault;
import io.parley.fakellm.FakeLlmProvider;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.llm.LlmSpanAssertions.Expected;
import io.parley.smoke.otlp.ReceivedSpan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Spring AI's OpenAI chat model in a Spring Boot 3.5 application: {@code call} goes through
 * Spring's RestClient on Apache HttpClient 5 (instrumented too), {@code stream} through WebClient
 * on Reactor Netty (Spring Boot's default connector when it is on the class path). Each is exactly one LLM span, under the request's server span, with what the fake returned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class SpringAiChatModelSmokeTest {

  private LlmApps apps;

  @BeforeAll
  void launch() {
    apps = LlmApps.start(serviceName(), java(), connectorArgs());
  }

  /**
   * Application arguments choosing WebClient's connector, which {@code stream} goes through: none
   * here, so Spring Boot picks Reactor Netty (on the application's class path).
   */
  protected List<String> connectorArgs() {
    return List.of();
  }

  /** The JDK both applications run on. */
  protected Path java() {
    return SmokeEnvironment.currentJava();
  }

  protected String serviceName() {
    return "smoke-llm-spring-ai";
  }

  @AfterAll
  void stop() {
    if (apps != null) {
      apps.close();
    }
  }

  @BeforeEach
  void resetFake() {
    apps.llm.reset();
    apps.llm.datedModels();
  }

  @Test
  void callIsOneLlmSpanWithTheFakesModelAndTokens() {
    apps.llm.next().usage(321, 54);
    String session = LlmApps.session("spring-ai-call");

    SmokeHttp.Response response = apps.withAgent("/ai/call", session);

    assertEquals(200, response.status());
    assertEquals(FakeLlmProvider.DEFAULT_TEXT, response.body());
    ReceivedSpan server = apps.serverSpan(session);
    ReceivedSpan llm = apps.singleLlmSpan(server);
    assertLlmSpan(
        llm,
        server,
        session,
        new Expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 321, 54, false));
    // the HttpClient 5 exchange underneath enriched the span rather than adding one
    assertEquals("127.0.0.1", llm.string("server.address"));
    assertEquals((long) apps.llm.port(), llm.longValue("server.port"));
  }

  @Test
  void streamIsOneLlmSpanWithTheLastChunksUsage() {
    apps.llm.next().usage(222, 33);
    String session = LlmApps.session("spring-ai-stream");

    SmokeHttp.Response response = apps.withAgent("/ai/stream", session);

    assertEquals(200, response.status());
    assertEquals(FakeLlmProvider.DEFAULT_TEXT, response.body());
    ReceivedSpan server = apps.serverSpan(session);
    ReceivedSpan llm = apps.singleLlmSpan(server);
    assertLlmSpan(
        llm,
        server,
        session,
        new Expected("chat", "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 222, 33, true));
    // the exchange underneath (WebClient on Reactor Netty, or on the JDK HttpClient in the Temurin
    // 25 run), started while the stream is subscribed, enriched the span rather than adding one
    assertEquals("127.0.0.1", llm.string("server.address"));
  }

  @Test
  void rateLimitedCallIsAnErrorSpanAndTheApplicationAnswersAsWithoutTheAgent() {
    // HttpClient 5 retries a 429 once by itself: both attempts are rate limited
    apps.llm.failNext(2, FakeFault.rateLimited(0));
    String session = LlmApps.session("spring-ai-429");
    SmokeHttp.Response with = apps.withAgent("/ai/call", session);
    resetFake();
    apps.llm.failNext(2, FakeFault.rateLimited(0));
    SmokeHttp.Response without = apps.withoutAgent("/ai/call", LlmApps.session("plain"));

    assertEquals(without.status(), with.status());
    assertEquals(without.body(), with.body());
    ReceivedSpan server = apps.serverSpan(session);
    assertErrorSpan(apps.singleLlmSpan(server), server);
  }

  @Test
  void serverErrorCallIsAnErrorSpanAndTheApplicationAnswersAsWithoutTheAgent() {
    apps.llm.failNext(FakeFault.serverError());
    String session = LlmApps.session("spring-ai-500");
    SmokeHttp.Response with = apps.withAgent("/ai/call", session);
    resetFake();
    apps.llm.failNext(FakeFault.serverError());
    SmokeHttp.Response without = apps.withoutAgent("/ai/call", LlmApps.session("plain"));

    assertEquals(502, with.status(), with.body());
    assertEquals(without.status(), with.status());
    assertEquals(without.body(), with.body());
    ReceivedSpan server = apps.serverSpan(session);
    assertErrorSpan(apps.singleLlmSpan(server), server);
  }

  @Test
  void failedStreamIsAnErrorSpanAndTheApplicationAnswersAsWithoutTheAgent() {
    apps.llm.failNext(FakeFault.serverError());
    String session = LlmApps.session("spring-ai-stream-500");
    SmokeHttp.Response with = apps.withAgent("/ai/stream", session);
    resetFake();
    apps.llm.failNext(FakeFault.serverError());
    SmokeHttp.Response without = apps.withoutAgent("/ai/stream", LlmApps.session("plain"));

    assertEquals(without.status(), with.status());
    assertEquals(without.body(), with.body());
    ReceivedSpan server = apps.serverSpan(session);
    assertErrorSpan(apps.singleLlmSpan(server), server);
  }

  @Test
  void answersAreTheSameWithAndWithoutTheAgent() {
    for (String path : new String[] {"/ai/call", "/ai/stream"}) {
      SmokeHttp.Response with = apps.withAgent(path, LlmApps.session("same"));
      SmokeHttp.Response without = apps.withoutAgent(path, LlmApps.session("same"));
      assertEquals(without.status(), with.status(), path);
      assertEquals(without.body(), with.body(), path);
    }
  }

  @Test
  void theFakeApiKeyIsNowhereInTheExportedBytes() {
    String session = LlmApps.session("spring-ai-key");
    apps.withAgent("/ai/call", session);
    apps.withAgent("/ai/stream", session);
    apps.singleLlmSpan(apps.serverSpan(session)); // waits for the export

    assertFalse(apps.agent.telemetry().rawBytesContain(apps.apiKey), "the API key was exported");
    assertFalse(apps.agent.jvm().stderr().contains(apps.apiKey), "the API key was logged");
  }
}
