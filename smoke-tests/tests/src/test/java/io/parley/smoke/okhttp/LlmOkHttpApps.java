package io.parley.smoke.okhttp;

import io.opentelemetry.proto.trace.v1.Span;
import io.parley.fakellm.FakeLlmProvider;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import io.parley.smoke.secrets.SecretScan;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The llm-okhttp application launched twice, with the agent (exporting to a receiver in the
 * tests) and without it, both calling a {@link FakeLlmProvider} and an {@link ExactBytesServer}
 * in the test JVM. Started once for all the OkHttp smoke test classes (JUnit's root store closes
 * it at the end); test classes get it as a {@code @BeforeAll} parameter through {@link Resolver}.
 */
final class LlmOkHttpApps implements ExtensionContext.Store.CloseableResource {

  /** A call made through the instrumented application: its answer and the spans it produced. */
  record Call(SmokeHttp.Response response, ReceivedSpan server, List<ReceivedSpan> llmSpans) {

    /** The call's one LLM span; fails when there is not exactly one. */
    ReceivedSpan llmSpan() {
      if (llmSpans.size() != 1) {
        throw new AssertionError(
            "expected exactly one LLM CLIENT span under " + server + ", got " + llmSpans.size() + ": " + llmSpans);
      }
      return llmSpans.get(0);
    }
  }

  /** The keys the application sends (SdkCalls and RawOkHttpCalls), all starting sk-test-123. */
  static final List<String> API_KEYS =
      List.of(
          "sk-test-123-openai-sdk",
          "sk-test-123-anthropic-sdk",
          "sk-test-123-raw-openai",
          "sk-test-123-raw-gemini");

  final FakeLlmProvider fake = FakeLlmProvider.started().datedModels();
  final ExactBytesServer exact = ExactBytesServer.start();
  final PriceList prices = PriceList.fromAgentJar(SmokeEnvironment.agentJar());
  private final OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
  final InstrumentedApp instrumented;
  final AgentJvm plain;

  private LlmOkHttpApps() {
    Path jar = llmOkHttpJar();
    AgentJvm withAgent = null;
    try {
      AgentJvm.Builder builder =
          AgentJvm.app("llm-okhttp", jar)
              .otlp(receiver.endpoint(), "http/protobuf")
              .systemProperty("llm.base.url", fake.baseUrl());
      for (String key : API_KEYS) {
        builder.secret(SecretScan.API_KEY, key);
      }
      withAgent = builder.start();
      instrumented = new InstrumentedApp(withAgent, receiver.telemetry(), receiver);
      plain =
          AgentJvm.app("llm-okhttp-without-agent", jar)
              .withoutAgent()
              .otlp(receiver.endpoint(), "http/protobuf")
              .systemProperty("llm.base.url", fake.baseUrl())
              .start();
    } catch (RuntimeException | Error e) {
      if (withAgent != null) {
        withAgent.close();
      }
      close();
      throw e;
    }
  }

  static Path llmOkHttpJar() {
    String value = System.getProperty("parley.smoke.llmOkHttpJar");
    if (value == null) {
      throw new IllegalStateException("system property parley.smoke.llmOkHttpJar is not set; run through Maven");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }

  /**
   * Registers the shared applications with the secret scan of the test class now running (they
   * outlive the class that started them).
   */
  void registerForSecretScan() {
    SecretScan.receiverStarted(receiver.endpoint(), receiver.telemetry());
    SecretScan.launched(instrumented.jvm());
    SecretScan.launched(plain);
    for (String key : API_KEYS) {
      SecretScan.secretOf(instrumented.jvm(), SecretScan.API_KEY, key);
    }
  }

  /** GET {@code path} on the application with the agent, in a session of its own. */
  Call callWithAgent(String path) {
    String session = "okhttp-smoke-" + UUID.randomUUID();
    SmokeHttp.Response response = instrumented.get(path, "X-Session-Id", session);
    ReceivedSpan server =
        instrumented
            .awaitSpans(span -> span.isServer() && session.equals(span.string("session.id")), 1)
            .get(0);
    List<ReceivedSpan> llm =
        instrumented.spansAfterSettling(
            span ->
                span.traceId().equals(server.traceId())
                    && span.kind() == Span.SpanKind.SPAN_KIND_CLIENT
                    && span.attribute("gen_ai.operation.name").isPresent());
    return new Call(response, server, llm);
  }

  /** GET {@code path} on the application without the agent. */
  SmokeHttp.Response callWithoutAgent(String path) {
    return SmokeHttp.get(plain.uri(path));
  }

  /**
   * Fails when any API key the application sent (all start {@code sk-test-123}) is in what the
   * agent exported so far, after letting pending exports arrive.
   */
  void assertNoApiKeyExported() {
    instrumented.spansAfterSettling(span -> true);
    if (instrumented.telemetry().rawBytesContain("sk-test-123")) {
      throw new AssertionError("an API key was exported. " + instrumented.telemetry().describe());
    }
  }

  @Override
  public void close() {
    try {
      if (plain != null) {
        plain.close();
      }
      if (instrumented != null) {
        instrumented.close();
      } else {
        receiver.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      fake.close();
      exact.close();
    }
  }

  /** Hands the shared, lazily started applications to {@code @BeforeAll} methods. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == LlmOkHttpApps.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      LlmOkHttpApps apps =
          context
              .getRoot()
              .getStore(ExtensionContext.Namespace.create(LlmOkHttpApps.class))
              .getOrComputeIfAbsent(LlmOkHttpApps.class, key -> new LlmOkHttpApps(), LlmOkHttpApps.class);
      apps.registerForSecretScan();
      return apps;
    }
  }
}
