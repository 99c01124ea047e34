package io.parley.benchmarks.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.parley.agent.server.RequestState;
import io.parley.agent.telemetry.RequestAttributesSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Labelling a span started inside a request with the request's session, user, conversation and
 * turn ({@link RequestAttributesSpanProcessor#onStart}): a span started and ended under a request
 * context, on an SDK without the processor and on one with it (the difference is its cost), and
 * the processor's {@code onStart} alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpanAttributesBenchmark {

  private SdkTracerProvider plainProvider;
  private SdkTracerProvider parleyProvider;
  private Tracer plain;
  private Tracer parley;
  private Context requestContext;
  private RequestAttributesSpanProcessor processor;
  private ReadWriteSpan openSpan;

  @Setup(Level.Trial)
  public void setUp() {
    plainProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build())
            .build();
    parleyProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(new RequestAttributesSpanProcessor())
            .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build())
            .build();
    plain = plainProvider.get("bench");
    parley = parleyProvider.get("bench");
    RequestState state =
        new RequestState(
            "3f2b8c1e-4a7d-4e2b-9c1a-5d6e7f8a9b0c",
            "a1b2c3d4e5f60718",
            "3f2b8c1e-4a7d-4e2b-9c1a-5d6e7f8a9b0c",
            null);
    state.setTurnNumber(4);
    Span server = parley.spanBuilder("GET /api/chat").setSpanKind(SpanKind.SERVER).startSpan();
    requestContext = Context.root().with(state).with(server);
    processor = new RequestAttributesSpanProcessor();
    openSpan = (ReadWriteSpan) plain.spanBuilder("chat gpt-4o-mini").startSpan();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    plainProvider.shutdown().join(10, TimeUnit.SECONDS);
    parleyProvider.shutdown().join(10, TimeUnit.SECONDS);
  }

  /** Baseline: what any span costs on the SDK, without Parley's processor. */
  @Benchmark
  public Span spanWithoutRequestAttributes() {
    Span span =
        plain.spanBuilder("chat gpt-4o-mini")
            .setSpanKind(SpanKind.CLIENT)
            .setParent(requestContext)
            .startSpan();
    span.end();
    return span;
  }

  @Benchmark
  public Span spanWithRequestAttributes() {
    Span span =
        parley.spanBuilder("chat gpt-4o-mini")
            .setSpanKind(SpanKind.CLIENT)
            .setParent(requestContext)
            .startSpan();
    span.end();
    return span;
  }

  /** The processor's work alone: four attributes read from the context and set on a span. */
  @Benchmark
  public ReadWriteSpan onStartOnly() {
    processor.onStart(requestContext, openSpan);
    return openSpan;
  }
}
