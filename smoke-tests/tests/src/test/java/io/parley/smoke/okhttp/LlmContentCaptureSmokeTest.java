package io.parley.smoke.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import io.parley.smoke.secrets.SecretScan;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §5, "prompt and completion text is not recorded unless {@code parley.capture.content=true}":
 * the llm-okhttp application launched once more with {@code -Dparley.capture.content=true} puts
 * the prompt and the completion (streamed ones accumulated) on its LLM spans, while the shared
 * application without the key exports neither, and the API keys stay out of both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LlmOkHttpApps.Resolver.class)
@Timeout(120)
class LlmContentCaptureSmokeTest {

  private static final String PROMPT =
      "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Say hello\"}]}]";
  private static final String COMPLETION = "Captured reply: café ☕ \"quoted\" 4711.";
  private static final String COMPLETION_JSON = "Captured reply: café ☕ \\\"quoted\\\" 4711.";

  private LlmOkHttpApps apps;
  private InstrumentedApp capturing;

  @BeforeAll
  void start(LlmOkHttpApps apps) {
    this.apps = apps;
    OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
    try {
      AgentJvm.Builder builder =
          AgentJvm.app("llm-okhttp-capture-content", LlmOkHttpApps.llmOkHttpJar())
              .otlp(receiver.endpoint(), "http/protobuf")
              .systemProperty("llm.base.url", apps.fake.baseUrl())
              .systemProperty("parley.capture.content", "true");
      for (String key : LlmOkHttpApps.API_KEYS) {
        builder.secret(SecretScan.API_KEY, key);
      }
      capturing = new InstrumentedApp(builder.start(), receiver.telemetry(), receiver);
    } catch (RuntimeException | Error e) {
      receiver.close();
      throw e;
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (capturing != null) {
      capturing.close();
    }
  }

  /** GET {@code path} in a session of its own; the one LLM span under its server span. */
  private static ReceivedSpan llmSpan(InstrumentedApp app, String path) {
    String session = "capture-smoke-" + UUID.randomUUID();
    assertEquals(200, app.get(path, "X-Session-Id", session).status(), path);
    ReceivedSpan server =
        app.awaitSpans(span -> span.isServer() && session.equals(span.string("session.id")), 1).get(0);
    List<ReceivedSpan> llm =
        app.spansAfterSettling(
            span ->
                span.traceId().equals(server.traceId())
                    && span.kind() == Span.SpanKind.SPAN_KIND_CLIENT
                    && span.attribute("gen_ai.operation.name").isPresent());
    assertEquals(1, llm.size(), "one LLM span under " + server + ": " + llm);
    return llm.get(0);
  }

  private static String completion(String finishReason) {
    return "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + COMPLETION_JSON
        + "\"}],\"finish_reason\":\"" + finishReason + "\"}]";
  }

  @Test
  void rawOpenAiChatSpanCarriesPromptAndCompletion() {
    apps.fake.next().text(COMPLETION).usage(300, 40);
    ReceivedSpan span = llmSpan(capturing, "/raw/openai-chat");
    assertEquals(PROMPT, span.string("gen_ai.input.messages"));
    assertEquals(completion("stop"), span.string("gen_ai.output.messages"));
    assertEquals(300L, span.longValue("gen_ai.usage.input_tokens"));
  }

  @Test
  void streamedOpenAiChatCompletionIsAccumulatedFromItsDeltas() {
    apps.fake.next().text(COMPLETION).usage(310, 41);
    ReceivedSpan span = llmSpan(capturing, "/raw/openai-chat-stream");
    assertEquals(PROMPT, span.string("gen_ai.input.messages"));
    assertEquals(completion("stop"), span.string("gen_ai.output.messages"));
  }

  @Test
  void anthropicSdkStreamIsAccumulatedFromItsTextDeltas() {
    apps.fake.next().text(COMPLETION).usage(2200, 95);
    ReceivedSpan span = llmSpan(capturing, "/anthropic/messages-stream");
    assertEquals(PROMPT, span.string("gen_ai.input.messages"));
    String output = span.string("gen_ai.output.messages");
    assertTrue(
        output.startsWith(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + COMPLETION_JSON + "\"}]"),
        output);
  }

  @Test
  void withoutTheKeyNeitherPromptNorCompletionIsExported() {
    String completion = "Not to be recorded 9137.";
    apps.fake.next().text(completion).usage(300, 40);
    ReceivedSpan span = llmSpan(apps.instrumented, "/raw/openai-chat");
    assertNull(span.string("gen_ai.input.messages"));
    assertNull(span.string("gen_ai.output.messages"));
    assertNull(span.string("gen_ai.system_instructions"));
    assertTrue(apps.fake.requests().stream().anyMatch(r -> r.bodyText().contains("Say hello")),
        "the prompt really went out");
    assertFalse(apps.instrumented.telemetry().rawBytesContain("Say hello"), "prompt exported");
    assertFalse(apps.instrumented.telemetry().rawBytesContain("9137"), "completion exported");
  }

  @Test
  void apiKeysStayOutOfCapturedContent() {
    apps.fake.next().text(COMPLETION).usage(300, 40);
    llmSpan(capturing, "/anthropic/messages");
    capturing.spansAfterSettling(span -> true);
    assertTrue(capturing.telemetry().rawBytesContain("Say hello"), "content was exported");
    assertFalse(capturing.telemetry().rawBytesContain("sk-test-123"), "an API key was exported");
  }
}
