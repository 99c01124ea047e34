package io.parley.agent.session.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.parley.agent.testing.AgentPipeline;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC §5 session metrics: recorded when a session ends, never labelled with an id. */
class SessionMetricsTest {

  private final AgentPipeline agent = new AgentPipeline(Duration.ofMinutes(30), 100);

  @AfterEach
  void close() {
    agent.close();
  }

  private void twoSessions() {
    Object a1 = agent.start("a", "alice");
    agent.chat("gpt-4o-mini", 100, 0, 10, 200);
    agent.end(a1, 200);
    agent.clock.advance(Duration.ofSeconds(90));
    Object a2 = agent.start("a", "alice");
    agent.chat("gpt-4o-mini", 200, 0, 20, 200);
    agent.end(a2, 200);
    Object b = agent.start("b", "bob");
    agent.chat("my-own-model", 7, 0, 3, 200);
    agent.end(b, 200);
  }

  @Test
  void activeSessionsAreTheOpenOnes() {
    twoSessions();
    assertEquals(2, activeSessions());
    agent.sessions.shutdown();
    assertEquals(0, activeSessions());
  }

  @Test
  void durationTurnsTokensAndCostAreRecordedPerEndedSession() {
    twoSessions();
    agent.sessions.shutdown();

    MetricData duration = agent.metric("parley.session.duration");
    assertEquals("s", duration.getUnit());
    HistogramPointData durations = onlyPoint(duration);
    assertEquals(2, durations.getCount());
    assertEquals(90.0, durations.getSum(), 1e-9);
    assertEquals("shutdown", durations.getAttributes().get(SessionKeys.END_REASON));

    HistogramPointData turns = onlyPoint(agent.metric("parley.session.turns"));
    assertEquals(2, turns.getCount());
    assertEquals(3.0, turns.getSum(), 0.0);

    long input = 0;
    long output = 0;
    for (HistogramPointData point : agent.metric("parley.session.tokens").getHistogramData().getPoints()) {
      String type = point.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type"));
      assertEquals(2, point.getCount());
      if ("input".equals(type)) {
        input += (long) point.getSum();
      } else if ("output".equals(type)) {
        output += (long) point.getSum();
      }
    }
    assertEquals(307, input);
    assertEquals(33, output);

    MetricData cost = agent.metric("parley.session.cost");
    assertEquals("USD", cost.getUnit());
    assertEquals(1, onlyPoint(cost).getCount(), "only the session with a priced call");
    assertTrue(onlyPoint(cost).getSum() > 0);
  }

  @Test
  void endReasonIsTheOnlyLabelBesidesTheTokenType() {
    twoSessions();
    agent.clock.advance(Duration.ofHours(1));
    agent.sessions.sweep();

    Set<String> keys = new HashSet<>();
    for (MetricData metric : agent.metricReader.collectAllMetrics()) {
      if (metric.getName().startsWith("parley.session.")) {
        for (PointData point : metric.getData().getPoints()) {
          for (AttributeKey<?> key : point.getAttributes().asMap().keySet()) {
            keys.add(key.getKey());
          }
        }
      }
    }
    assertEquals(new HashSet<>(Arrays.asList("session.end_reason", "gen_ai.token.type")), keys);
    assertEquals(
        "inactive",
        onlyPoint(agent.metric("parley.session.duration"))
            .getAttributes()
            .get(SessionKeys.END_REASON));
  }

  private long activeSessions() {
    long sum = 0;
    for (LongPointData point : agent.metric("parley.session.active").getLongSumData().getPoints()) {
      assertEquals(Attributes.empty(), point.getAttributes());
      sum += point.getValue();
    }
    return sum;
  }

  private static HistogramPointData onlyPoint(MetricData metric) {
    assertEquals(1, metric.getHistogramData().getPoints().size(), metric.toString());
    return metric.getHistogramData().getPoints().iterator().next();
  }
}
