package io.parley.smoke.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.fakellm.FakeLlmProvider;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The llm-spring-ai application twice, with the agent (exporting to a receiver) and without it,
 * both talking to one fake LLM provider and one replay server, with a fake API key that must never
 * be exported.
 */
final class LlmApps implements AutoCloseable {

  static final String SESSION_HEADER = "X-Session-Id";

  /** The fake API key both applications send (Authorization, x-goog-api-key). */
  final String apiKey;
  final FakeLlmProvider llm;
  final ReplayLlmServer replay;
  final InstrumentedApp agent;
  final PlainJvm plain;

  private LlmApps(
      String apiKey, FakeLlmProvider llm, ReplayLlmServer replay, InstrumentedApp agent, PlainJvm plain) {
    this.apiKey = apiKey;
    this.llm = llm;
    this.replay = replay;
    this.agent = agent;
    this.plain = plain;
  }

  static LlmApps start(String name) {
    return start(name, SmokeEnvironment.currentJava(), List.of());
  }

  /**
   * Both applications on the {@code java} launcher given (e.g. a Temurin 25 JDK's), with {@code
   * extraArgs} as further application arguments.
   */
  static LlmApps start(String name, Path java, List<String> extraArgs) {
    FakeLlmProvider llm = FakeLlmProvider.started();
    ReplayLlmServer replay = null;
    OtlpHttpReceiver receiver = null;
    InstrumentedApp agent = null;
    try {
      replay = ReplayLlmServer.recordedFrom(llm);
      receiver = OtlpHttpReceiver.start();
      String key = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
      List<String> args = appArgs(llm, key);
      args.addAll(extraArgs);
      AgentJvm jvm =
          AgentJvm.app(name, appJar())
              .java(java)
              .otlp(receiver.endpoint(), "http/protobuf")
              .appArgs(port -> withPort(port, args))
              .start();
      agent = new InstrumentedApp(jvm, receiver.telemetry(), receiver);
      PlainJvm plain = PlainJvm.start(name + "-without-agent", java, appJar(), args);
      return new LlmApps(key, llm, replay, agent, plain);
    } catch (RuntimeException | Error e) {
      closeQuietly(agent != null ? agent : receiver);
      closeQuietly(replay);
      llm.close();
      throw e;
    }
  }

  private static List<String> appArgs(FakeLlmProvider llm, String key) {
    List<String> args = new ArrayList<>();
    args.add("--spring.ai.openai.base-url=" + llm.baseUrl());
    args.add("--spring.ai.openai.api-key=" + key);
    return args;
  }

  private static List<String> withPort(int port, List<String> args) {
    List<String> all = new ArrayList<>();
    all.add("--server.port=" + port);
    all.addAll(args);
    return all;
  }

  static Path appJar() {
    String value = System.getProperty("parley.smoke.llmSpringAiJar");
    if (value == null) {
      throw new IllegalStateException("parley.smoke.llmSpringAiJar is not set; run through Maven");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }

  /** A new session id, so a test finds its own request's spans. */
  static String session(String what) {
    return what + "-" + UUID.randomUUID();
  }

  SmokeHttp.Response withAgent(String pathAndQuery, String session) {
    return SmokeHttp.get(agent.jvm().uri(pathAndQuery), SESSION_HEADER, session);
  }

  SmokeHttp.Response withoutAgent(String pathAndQuery, String session) {
    return SmokeHttp.get(plain.uri(pathAndQuery), SESSION_HEADER, session);
  }

  /** The SERVER span of the request sent with {@code session}. */
  ReceivedSpan serverSpan(String session) {
    return agent.awaitSpans(
            span -> span.isServer() && session.equals(span.string("session.id")), 1)
        .get(0);
  }

  /** Every LLM CLIENT span of the trace of {@code server}, after letting late ones arrive. */
  List<ReceivedSpan> llmSpans(ReceivedSpan server) {
    agent.awaitSpans(span -> isLlmSpanOf(span, server), 1);
    return agent.spansAfterSettling(span -> isLlmSpanOf(span, server));
  }

  /** The one LLM CLIENT span of the request sent with {@code session}. */
  ReceivedSpan singleLlmSpan(ReceivedSpan server) {
    List<ReceivedSpan> spans = llmSpans(server);
    assertEquals(1, spans.size(), "LLM spans of " + server + ": " + spans);
    return spans.get(0);
  }

  static boolean isLlmSpanOf(ReceivedSpan span, ReceivedSpan server) {
    return !span.isServer()
        && span.traceId().equals(server.traceId())
        && span.string("gen_ai.operation.name") != null;
  }

  @Override
  public void close() {
    closeQuietly(plain);
    closeQuietly(agent);
    closeQuietly(replay);
    llm.close();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // best effort at teardown
    }
  }
}
