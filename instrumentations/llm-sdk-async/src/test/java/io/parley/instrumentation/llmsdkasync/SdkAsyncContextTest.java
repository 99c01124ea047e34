package io.parley.instrumentation.llmsdkasync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.parley.instrumentation.testing.TestAgent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real asynchronous clients of openai-java and anthropic-java, with a recording HTTP client
 * in place of OkHttp: the SDK hops to another thread before its HTTP client runs, and with the
 * modules installed that thread sees the caller's context.
 */
class SdkAsyncContextTest {

  static final ContextKey<String> REQUEST = ContextKey.named("test-request");

  @BeforeAll
  static void install() throws ClassNotFoundException {
    // loaded before the agent, as in an application that made a call at start-up
    Class.forName("com.openai.core.PrepareRequest");
    Class.forName("com.anthropic.core.PrepareRequest");
    TestAgent.install(new OpenAiJavaAsyncModule());
    List<String> transformed = TestAgent.install(new AnthropicJavaAsyncModule());
    assertTrue(transformed.contains("com.openai.core.PrepareRequest"), transformed.toString());
    assertTrue(transformed.contains("com.anthropic.core.PrepareRequest"), transformed.toString());
  }

  @Test
  void openAiAsyncCallReachesItsHttpClientOnAnotherThreadInTheCallersContext() throws Exception {
    assertTheHttpClientRunsElsewhereInTheCallersContext(SdkClients::openAiChat);
  }

  @Test
  void anthropicAsyncCallReachesItsHttpClientOnAnotherThreadInTheCallersContext() throws Exception {
    assertTheHttpClientRunsElsewhereInTheCallersContext(SdkClients::anthropicMessages);
  }

  @Test
  void aRetryAfterTheSdksTimerKeepsTheContext() throws Exception {
    assertTheHttpClientRunsElsewhereInTheCallersContext(() -> new Recording(1), SdkClients::openAiChatRetried);
    assertTheHttpClientRunsElsewhereInTheCallersContext(
        () -> new Recording(1), SdkClients::anthropicMessagesRetried);
  }

  @Test
  void streamingCallsKeepTheContextToo() throws Exception {
    Recording openAi = new Recording();
    inRequest("openai-stream", () -> SdkClients.openAiChatStreaming(openAi));
    Recording anthropic = new Recording();
    inRequest("anthropic-stream", () -> SdkClients.anthropicMessagesStreaming(anthropic));
    assertEquals("openai-stream", openAi.awaitContext().get(REQUEST));
    assertEquals("anthropic-stream", anthropic.awaitContext().get(REQUEST));
  }

  @Test
  void callsOutsideAnyContextAreLeftAlone() throws Exception {
    Recording seen = new Recording();
    CompletableFuture<?> call = SdkClients.openAiChat(seen);
    assertFailsWithTheRecordedError(call);
    assertSame(Context.root(), seen.context);
    assertTrue(!(call instanceof ContextCarryingFuture), "a future was replaced without a context");
  }

  @Test
  void manyConcurrentCallsEachSeeTheirOwnContext() throws Exception {
    int calls = 40;
    Recording[] seen = new Recording[calls];
    CompletableFuture<?>[] futures = new CompletableFuture<?>[calls];
    for (int i = 0; i < calls; i++) {
      Recording recording = new Recording();
      seen[i] = recording;
      futures[i] = inRequest("request-" + i, () -> SdkClients.openAiChat(recording));
    }
    for (int i = 0; i < calls; i++) {
      assertFailsWithTheRecordedError(futures[i]);
      assertEquals("request-" + i, seen[i].context.get(REQUEST));
    }
    assertNull(Context.current().get(REQUEST), "the caller's context leaked into the test thread");
  }

  private static void assertTheHttpClientRunsElsewhereInTheCallersContext(
      Function<Recording, CompletableFuture<?>> client) throws Exception {
    assertTheHttpClientRunsElsewhereInTheCallersContext(Recording::new, client);
  }

  private static void assertTheHttpClientRunsElsewhereInTheCallersContext(
      Supplier<Recording> recordings, Function<Recording, CompletableFuture<?>> client)
      throws Exception {
    Recording seen = recordings.get();
    CompletableFuture<?> call = inRequest("request-1", () -> client.apply(seen));
    assertFailsWithTheRecordedError(call);
    assertEquals("request-1", seen.context.get(REQUEST), "context seen by the SDK's HTTP client");
    assertNotEquals(Thread.currentThread(), seen.thread, "the SDK did not hop threads");
  }

  private static <T> T inRequest(String request, Supplier<T> call) {
    try (Scope ignored = Context.root().with(REQUEST, request).makeCurrent()) {
      return call.get();
    }
  }

  private static void assertFailsWithTheRecordedError(CompletableFuture<?> call) throws Exception {
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
    Throwable cause = failure.getCause();
    while (cause != null && !(cause instanceof IOException)) {
      cause = cause.getCause();
    }
    assertTrue(
        cause != null && Recording.FAILURE.equals(cause.getMessage()),
        "not the recording client's failure: " + failure);
  }
}
