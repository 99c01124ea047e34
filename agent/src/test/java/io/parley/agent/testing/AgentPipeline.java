package io.parley.agent.testing;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.parley.agent.llm.LlmCallTracker;
import io.parley.agent.llm.LlmEndpoints;
import io.parley.agent.llm.cost.CostCalculator;
import io.parley.agent.llm.cost.PriceTable;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.server.ServerRequestHooks;
import io.parley.agent.session.IdentityResolver;
import io.parley.agent.session.IdentitySettings;
import io.parley.agent.session.lifecycle.SessionKeys;
import io.parley.agent.session.lifecycle.SessionMetrics;
import io.parley.agent.session.lifecycle.SessionSummarySpans;
import io.parley.agent.session.lifecycle.SessionTracker;
import io.parley.agent.telemetry.RequestAttributesSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The agent's request path wired as in {@code AgentStarter}, on one hand-moved clock: server hooks,
 * LLM call tracker, session tracker with summary spans and metrics, exporting to memory.
 */
public final class AgentPipeline implements AutoCloseable {

  public static final String[] HEADERS = {"traceparent", "baggage", "X-Session-Id", "X-User-Id"};

  /** Starts now: LLM spans take their start from the real clock. */
  public final TestClock clock = TestClock.create(Instant.now());
  public final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  public final InMemoryMetricReader metricReader = InMemoryMetricReader.create();
  public final List<String> logLines = new ArrayList<>();
  public final ParleyLog log = new ParleyLog(logLines::add, clock::nanoTime);
  public final SdkTracerProvider tracerProvider;
  public final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().setClock(clock).registerMetricReader(metricReader).build();
  public final SessionTracker sessions;
  public final ServerRequestHooks server;
  public final LlmCallTracker llm;

  public AgentPipeline(Duration timeout, int max) {
    this(timeout, max, Function.identity());
  }

  /** {@code wrapExporter} wraps the in-memory exporter as the SDK's exporter customizer would. */
  public AgentPipeline(
      Duration timeout, int max, Function<SpanExporter, SpanExporter> wrapExporter) {
    tracerProvider =
        SdkTracerProvider.builder()
            .setClock(clock)
            .addSpanProcessor(new RequestAttributesSpanProcessor())
            .addSpanProcessor(SimpleSpanProcessor.create(wrapExporter.apply(exporter)))
            .build();
    SessionMetrics metrics = new SessionMetrics(meterProvider.get("test"));
    sessions =
        new SessionTracker(
            timeout,
            max,
            clock,
            Arrays.asList(new SessionSummarySpans(tracerProvider.get("test")), metrics),
            log);
    metrics.observeActive(sessions::size);
    IdentitySettings identity = IdentitySettings.builder().sessionTimeout(timeout).build();
    server =
        new ServerRequestHooks(
            tracerProvider.get("test"),
            TextMapPropagator.composite(
                W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()),
            new IdentityResolver(identity, log, () -> clock.nanoTime() / 1_000_000L),
            sessions,
            HEADERS,
            log);
    llm =
        new LlmCallTracker(
            tracerProvider.get("test"),
            new LlmEndpoints(),
            new CostCalculator(PriceTable.builtIn()),
            sessions,
            null,
            log);
  }

  /** Starts a request; {@code session} and {@code user} may be null. */
  public Object start(String session, String user) {
    return server.serverStart("POST", "/chat", new String[] {null, null, session, user}, null);
  }

  public void end(Object request, int status) {
    server.serverEnd(request, status, null, null, null);
  }

  /** One OpenAI chat completion made inside the current request. */
  public void chat(String model, long input, long cached, long output, int status) {
    Object call = llm.llmStart("POST", "https://api.openai.com/v1/chat/completions");
    byte[] request =
        ("{\"model\":\"" + model + "\",\"messages\":[]}").getBytes(StandardCharsets.UTF_8);
    llm.llmRequestBody(call, request, 0, request.length);
    llm.llmResponseHead(call, status, "application/json", null);
    String response =
        status >= 400
            ? "{\"error\":{\"type\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}"
            : "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
                + input + ",\"completion_tokens\":" + output + ",\"total_tokens\":"
                + (input + output) + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cached
                + "}}}";
    byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
    llm.llmResponseBody(call, bytes, 0, bytes.length);
    llm.llmEnd(call, null);
  }

  public List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  public List<SpanData> spans(SpanKind kind) {
    List<SpanData> out = new ArrayList<>();
    for (SpanData span : spans()) {
      if (span.getKind() == kind && !span.getName().equals(SessionKeys.SPAN_NAME)) {
        out.add(span);
      }
    }
    return out;
  }

  public List<SpanData> summaries() {
    List<SpanData> out = new ArrayList<>();
    for (SpanData span : spans()) {
      if (span.getName().equals(SessionKeys.SPAN_NAME)) {
        out.add(span);
      }
    }
    return out;
  }

  public MetricData metric(String name) {
    for (MetricData data : metricReader.collectAllMetrics()) {
      if (data.getName().equals(name)) {
        return data;
      }
    }
    throw new AssertionError("no metric " + name);
  }

  @Override
  public void close() {
    sessions.shutdown();
    tracerProvider.close();
    meterProvider.close();
  }
}
