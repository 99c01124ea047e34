package io.parley.smoke.llm;

import static io.parley.smoke.llm.LlmSpans.boolValue;
import static io.parley.smoke.llm.LlmSpans.doubleValue;
import static io.parley.smoke.llm.LlmSpans.llmSpansOfTrace;
import static io.parley.smoke.llm.LlmSpans.serverSpanOfSession;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.parley.fakellm.FakeLlmProvider;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.otlp.ReceivedSpan;
import io.parley.smoke.secrets.SecretScan;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Amazon Bedrock's Converse API, end to end against the fake provider's Bedrock wire format: the
 * AWS SDK for Java 2.x on its default synchronous HTTP client (Apache HttpClient 4), and a raw
 * {@code converse-stream} call over java.net.http reading the binary AWS event stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class BedrockSmokeTest {

  /** The app's static AWS test credentials (BedrockCalls): signed into every request, never exported. */
  private static final String ACCESS_KEY = "AKIAPARLEYSMOKETEST1";
  private static final String SECRET_KEY = "parley-smoke-secret-w8Jq2ZkR9pLx4TnV7bYc";

  private FakeLlmProvider llm;
  private InstrumentedApp app;

  @BeforeAll
  void launch() {
    llm = FakeLlmProvider.started();
    app =
        InstrumentedApp.launch(
            AgentJvm.app("smoke-bedrock", LlmJdkApp.jar())
                .systemProperty("llm.apiKey", "unused")
                .secret(SecretScan.API_KEY, ACCESS_KEY)
                .secret(SecretScan.API_KEY, SECRET_KEY)
                .appArgs(port -> List.of("--server.port=" + port)));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (llm != null) {
      llm.close();
    }
  }

  /** The request's server span and the one LLM span under it. */
  private record Exchange(ReceivedSpan server, ReceivedSpan llm) {}

  private Exchange callInSession(String path) {
    String session = "bedrock-" + UUID.randomUUID();
    LlmJdkApp.Answer answer = LlmJdkApp.get(app, LlmJdkApp.withBase(path, llm.baseUrl()), "X-Session-Id", session);
    assertEquals(200, answer.status(), answer.text());
    ReceivedSpan server = app.awaitSpans(serverSpanOfSession(session), 1).get(0);
    app.awaitSpans(llmSpansOfTrace(server.traceId()), 1);
    List<ReceivedSpan> spans = app.spansAfterSettling(llmSpansOfTrace(server.traceId()));
    assertEquals(1, spans.size(), "exactly one LLM span: " + spans);
    return new Exchange(server, spans.get(0));
  }

  private static List<String> strings(ReceivedSpan span, String key) {
    return span.attribute(key).map(v -> v.getArrayValue().getValuesList().stream()
        .map(AnyValue::getStringValue).collect(Collectors.toList())).orElse(List.of());
  }

  @Test
  void awsSdkConverseOnHttpClient4IsOneLlmSpanWithCacheReadsInTheInput() {
    llm.next().usage(120, 15, 20, 0);
    Exchange exchange = callInSession("/llm/bedrock-sdk");
    ReceivedSpan server = exchange.server();
    ReceivedSpan span = exchange.llm();
    String model = "anthropic.claude-3-haiku-20240307-v1:0";
    assertAll(
        () -> assertEquals("chat " + model, span.name()),
        () -> assertEquals("aws.bedrock", span.string("gen_ai.provider.name")),
        () -> assertEquals(model, span.string("gen_ai.request.model")),
        () -> assertEquals(120L, span.longValue("gen_ai.usage.input_tokens"), "input including the 20 cache reads"),
        () -> assertEquals(20L, span.longValue("gen_ai.usage.cache_read.input_tokens")),
        () -> assertEquals(15L, span.longValue("gen_ai.usage.output_tokens")),
        () -> assertEquals(List.of("end_turn"), strings(span, "gen_ai.response.finish_reasons")),
        () -> assertEquals(Boolean.FALSE, boolValue(span, "gen_ai.request.stream")),
        () -> assertEquals(server.spanId(), span.parentSpanId(), "parent is the server span"),
        () -> assertEquals(server.string("session.id"), span.string("session.id")),
        () -> assertEquals(1L, span.longValue("turn.number")));
  }

  @Test
  void converseStreamOverTheJdkClientIsOneStreamingSpanReadFromTheEventStream() {
    llm.next().usage(64, 9);
    ReceivedSpan span = callInSession("/llm/bedrock-stream").llm();
    assertAll(
        () -> assertEquals("chat amazon.nova-pro-v1:0", span.name()),
        () -> assertEquals(Boolean.TRUE, boolValue(span, "gen_ai.request.stream")),
        () -> assertEquals(64L, span.longValue("gen_ai.usage.input_tokens")),
        () -> assertEquals(9L, span.longValue("gen_ai.usage.output_tokens")),
        () -> assertEquals(List.of("end_turn"), strings(span, "gen_ai.response.finish_reasons")),
        () -> {
          Double firstChunk = doubleValue(span, "gen_ai.response.time_to_first_chunk");
          assertNotNull(firstChunk, "time to first chunk on a stream");
          assertTrue(firstChunk > 0 && firstChunk * 1e9 <= span.durationNanos(), "ttfc " + firstChunk);
        },
        () -> assertNull(span.string("error.type")));
  }
}
