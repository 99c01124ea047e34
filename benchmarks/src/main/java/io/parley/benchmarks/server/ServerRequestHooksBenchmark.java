package io.parley.benchmarks.server;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.server.ServerRequestHooks;
import io.parley.agent.session.IdentityResolver;
import io.parley.agent.session.IdentitySettings;
import io.parley.agent.session.lifecycle.SessionEndListener;
import io.parley.agent.session.lifecycle.SessionTracker;
import io.parley.agent.telemetry.RequestAttributesSpanProcessor;
import io.parley.benchmarks.session.RequestShapes;
import io.parley.benchmarks.session.RequestShapes.Shape;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Everything the agent does for one inbound request without LLM calls: {@link
 * ServerRequestHooks#serverStart} (trace-context and baggage extraction, identity resolution,
 * session tracking, SERVER span start, context made current) then {@link
 * ServerRequestHooks#serverEnd} (scope closed, route, status, span end, session updated), on a
 * real {@link SdkTracerProvider} with the agent's span processor and a batch processor whose
 * exporter does nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ServerRequestHooksBenchmark {

  static final int POOL = 1024;

  @Param({"HEADER", "COOKIE", "ANONYMOUS"})
  public Shape shape;

  private SdkTracerProvider tracerProvider;
  private SessionTracker sessions;
  private ServerRequestHooks hooks;
  private String[][] headerValues;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    ParleyLog log = new ParleyLog(line -> {}, System::nanoTime);
    tracerProvider = tracerProvider();
    IdentitySettings identity = IdentitySettings.defaults();
    sessions =
        new SessionTracker(
            Duration.ofMinutes(30),
            10_000,
            Clock.getDefault(),
            Collections.<SessionEndListener>emptyList(),
            log);
    String[] names = RequestShapes.headerNames(identity);
    hooks =
        new ServerRequestHooks(
            tracerProvider.get("parley"),
            RequestShapes.PROPAGATOR,
            new IdentityResolver(identity, log),
            sessions,
            names,
            log);
    headerValues = new String[POOL][];
    for (int i = 0; i < POOL; i++) {
      headerValues[i] = RequestShapes.headerValues(hooks.serverHeaderNames(), shape, i);
    }
  }

  /** The SDK as the agent builds it: request attributes, then batch export (here: to nowhere). */
  public static SdkTracerProvider tracerProvider() {
    return SdkTracerProvider.builder()
        .addSpanProcessor(new RequestAttributesSpanProcessor())
        .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build())
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sessions.shutdown();
    tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public Object request() {
    String[] values = headerValues[next];
    next = (next + 1) & (POOL - 1);
    Object handle = hooks.serverStart("GET", "/api/chat/7", values, null);
    hooks.serverEnd(handle, 200, null, "/api/chat/{id}", null);
    return handle;
  }
}
