package io.parley.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.trace.ReadableSpan;
import io.parley.agent.llm.wire.ResponseSummary;
import io.parley.agent.session.RequestIdentity;
import io.parley.agent.session.SessionSource;
import io.parley.benchmarks.server.ServerRequestHooksBenchmark;
import io.parley.benchmarks.session.IdentityResolverBenchmark;
import io.parley.benchmarks.session.RequestShapes.Shape;
import io.parley.benchmarks.session.SessionTrackerFootprint;
import io.parley.benchmarks.telemetry.SpanAttributesBenchmark;
import io.parley.benchmarks.wire.WireReaderBenchmark;
import org.junit.jupiter.api.Test;

/**
 * The only test of this module that {@code mvn verify} runs: each benchmark's set-up and
 * operation once, checking that it measures what it says (not the JMH runs themselves).
 */
class BenchmarkCodeSmokeTest {

  @Test
  void identityResolutionFindsTheSessionWhereEachShapePutsIt() {
    SessionSource[] expected = {
      SessionSource.HEADER, SessionSource.BAGGAGE, SessionSource.COOKIE, SessionSource.DERIVED,
      SessionSource.NONE
    };
    Shape[] shapes = {Shape.HEADER, Shape.BAGGAGE, Shape.COOKIE, Shape.DERIVED, Shape.ANONYMOUS};
    for (int i = 0; i < shapes.length; i++) {
      IdentityResolverBenchmark b = new IdentityResolverBenchmark();
      b.shape = shapes[i];
      b.setUp();
      RequestIdentity identity = b.resolve();
      assertEquals(expected[i], identity.sessionSource(), shapes[i].name());
    }
  }

  @Test
  void serverHooksStartAndEndASpan() {
    for (Shape shape : new Shape[] {Shape.HEADER, Shape.COOKIE, Shape.ANONYMOUS}) {
      ServerRequestHooksBenchmark b = new ServerRequestHooksBenchmark();
      b.shape = shape;
      b.setUp();
      try {
        assertNotNull(b.request(), shape.name());
        assertNotNull(b.request(), shape.name());
      } finally {
        b.tearDown();
      }
    }
  }

  @Test
  void spansStartedInARequestCarryItsAttributes() {
    SpanAttributesBenchmark b = new SpanAttributesBenchmark();
    b.setUp();
    try {
      ReadableSpan labelled = (ReadableSpan) b.spanWithRequestAttributes();
      assertNotNull(labelled.getAttribute(
          io.opentelemetry.api.common.AttributeKey.stringKey("session.id")));
      ReadableSpan plain = (ReadableSpan) b.spanWithoutRequestAttributes();
      assertNull(plain.getAttribute(
          io.opentelemetry.api.common.AttributeKey.stringKey("session.id")));
      assertNotNull(b.onStartOnly());
    } finally {
      b.tearDown();
    }
  }

  @Test
  void wireReadersFindTheUsageInEveryBody() {
    WireReaderBenchmark b = new WireReaderBenchmark();
    b.setUp();
    for (ResponseSummary summary :
        new ResponseSummary[] {
          b.openAiBody(), b.openAiStreamPerEvent(), b.anthropicBody(), b.anthropicStreamPerEvent()
        }) {
      assertNotNull(summary.inputTokens());
      assertEquals(100L, (long) summary.outputTokens());
      assertNotNull(summary.responseModel());
    }
  }

  @Test
  void trackerFootprintIsMeasured() throws Exception {
    SessionTrackerFootprint.Result result = SessionTrackerFootprint.measure(2_000);
    assertTrue(result.bytesPerSession() > 50 && result.bytesPerSession() < 4_000,
        result.markdown());
  }
}
