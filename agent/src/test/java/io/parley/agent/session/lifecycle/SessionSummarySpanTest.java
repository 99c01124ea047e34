package io.parley.agent.session.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.parley.agent.llm.GenAiKeys;
import io.parley.agent.telemetry.SemanticKeys;
import io.parley.agent.testing.AgentPipeline;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC §3 session summary spans, end to end through the request hooks, on a hand-moved clock. */
class SessionSummarySpanTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private AgentPipeline agent = new AgentPipeline(TIMEOUT, 100);

  @AfterEach
  void close() {
    agent.close();
  }

  private SpanData onlySummary() {
    List<SpanData> summaries = agent.summaries();
    assertEquals(1, summaries.size(), summaries.toString());
    return summaries.get(0);
  }

  /** Two turns, a failed call, an unpriced model, a 500 and a request of another session. */
  private void busySession() {
    Object first = agent.start("s1", "alice");
    agent.chat("gpt-4o-mini", 1000, 400, 200, 200);
    agent.chat("my-own-model", 50, 0, 5, 200);
    agent.end(first, 200);
    agent.clock.advance(Duration.ofSeconds(40));

    Object other = agent.start("s2", "bob");
    agent.end(other, 200);

    Object second = agent.start("s1", "alice");
    agent.chat("gpt-4o-mini", 10, 0, 1, 429);
    agent.clock.advance(Duration.ofMillis(250));
    agent.end(second, 503);

    Object third = agent.start("s1", "alice");
    agent.chat("gpt-4o", 300, 0, 30, 200);
    agent.end(third, 200);
  }

  @Test
  void summaryIsOneSpanNamedSessionInItsOwnTraceWithTypedAttributes() {
    busySession();
    agent.sessions.shutdown();

    SpanData summary = null;
    for (SpanData span : agent.summaries()) {
      if ("s1".equals(span.getAttributes().get(SemanticKeys.SESSION_ID))) {
        summary = span;
      }
    }
    assertNotNull(summary, agent.spans().toString());
    assertEquals(SpanKind.INTERNAL, summary.getKind());
    assertFalse(summary.getParentSpanContext().isValid(), "has a parent");
    for (SpanData span : agent.spans()) {
      if (span != summary) {
        assertNotEquals(span.getTraceId(), summary.getTraceId(), "shares a trace with " + span);
      }
    }
    Map<AttributeKey<?>, Object> attributes = summary.getAttributes().asMap();
    for (String key :
        Arrays.asList(
            "session.duration_ms", "session.request_count", "session.total_turns",
            "session.total_input_tokens", "session.total_output_tokens", "session.total_tokens",
            "session.error_count")) {
      assertEquals(AttributeType.LONG, typeOf(attributes, key), key);
    }
    assertEquals(AttributeType.DOUBLE, typeOf(attributes, "session.total_cost_usd"));
    assertEquals(AttributeType.STRING_ARRAY, typeOf(attributes, "session.models"));
    assertEquals(AttributeType.STRING, typeOf(attributes, "session.end_reason"));
    assertEquals("shutdown", summary.getAttributes().get(SessionKeys.END_REASON));
    assertEquals(
        agent.spans(SpanKind.SERVER).get(0).getAttributes().get(SemanticKeys.USER_ID),
        summary.getAttributes().get(SemanticKeys.USER_ID),
        "the user as recorded on the request spans (hashed)");
    assertNull(summary.getAttributes().get(SessionKeys.PREVIOUS_ID));
    assertNull(summary.getAttributes().get(SemanticKeys.CONVERSATION_ID), "request labels leaked");
  }

  @Test
  void summaryTotalsEqualTheSumsOverTheSessionsSpans() {
    busySession();
    agent.sessions.shutdown();

    long requests = 0;
    long turns = 0;
    long errors = 0;
    long input = 0;
    long output = 0;
    double cost = 0;
    Set<String> models = new LinkedHashSet<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (SpanData span : agent.spans()) {
      Attributes a = span.getAttributes();
      if (!"s1".equals(a.get(SemanticKeys.SESSION_ID)) || span.getName().equals("session")) {
        continue;
      }
      if (span.getKind() == SpanKind.SERVER) {
        requests++;
        turns += a.get(GenAiKeys.TURN_NUMBER) != null ? 1 : 0;
        errors += span.getStatus().getStatusCode() == StatusCode.ERROR ? 1 : 0;
        first = Math.min(first, span.getStartEpochNanos());
        last = Math.max(last, span.getEndEpochNanos());
      } else {
        errors += a.get(SemanticKeys.ERROR_TYPE) != null ? 1 : 0;
        input += orZero(a.get(GenAiKeys.USAGE_INPUT_TOKENS));
        output += orZero(a.get(GenAiKeys.USAGE_OUTPUT_TOKENS));
        cost += a.get(GenAiKeys.USAGE_COST) != null ? a.get(GenAiKeys.USAGE_COST) : 0;
        String model = a.get(GenAiKeys.RESPONSE_MODEL);
        models.add(model != null ? model : a.get(GenAiKeys.REQUEST_MODEL));
      }
    }
    assertEquals(3, requests);

    Attributes summary = summaryOf("s1").getAttributes();
    assertEquals(requests, (long) summary.get(SessionKeys.REQUEST_COUNT));
    assertEquals(turns, (long) summary.get(SessionKeys.TOTAL_TURNS));
    assertEquals(3L, turns);
    assertEquals(errors, (long) summary.get(SessionKeys.ERROR_COUNT));
    assertEquals(2L, errors, "the 503 and the 429");
    assertEquals(input, (long) summary.get(SessionKeys.TOTAL_INPUT_TOKENS));
    assertEquals(output, (long) summary.get(SessionKeys.TOTAL_OUTPUT_TOKENS));
    assertEquals(input + output, (long) summary.get(SessionKeys.TOTAL_TOKENS));
    assertEquals(cost, summary.get(SessionKeys.TOTAL_COST_USD), 1e-12);
    assertTrue(cost > 0);
    assertEquals(models, new LinkedHashSet<>(summary.get(SessionKeys.MODELS)));
    assertEquals(Arrays.asList("gpt-4o-mini", "my-own-model", "gpt-4o"), summary.get(SessionKeys.MODELS));

    SpanData span = summaryOf("s1");
    assertEquals(first, span.getStartEpochNanos(), "start = first activity");
    assertEquals(last, span.getEndEpochNanos(), "end = last activity");
    assertEquals((last - first) / 1_000_000L, (long) summary.get(SessionKeys.DURATION_MS));
    assertEquals(40_250L, (long) summary.get(SessionKeys.DURATION_MS));
  }

  @Test
  void costIsOmittedWhenNoCallOfTheSessionWasPriced() {
    Object request = agent.start("unpriced", null);
    agent.chat("my-own-model", 50, 0, 5, 200);
    agent.end(request, 200);
    agent.sessions.shutdown();

    Attributes summary = onlySummary().getAttributes();
    assertNull(summary.get(SessionKeys.TOTAL_COST_USD));
    assertEquals(55L, (long) summary.get(SessionKeys.TOTAL_TOKENS));
    assertNull(summary.get(SemanticKeys.USER_ID), "no user, no user.id");
  }

  @Test
  void idleSessionEndsInactiveAtItsLastActivityNotAtTheSweep() {
    Object request = agent.start("idle", "alice");
    agent.end(request, 200);
    long lastActivity = agent.spans(SpanKind.SERVER).get(0).getEndEpochNanos();
    agent.clock.advance(TIMEOUT.plusSeconds(3));
    assertEquals(1, agent.sessions.sweep());

    SpanData summary = onlySummary();
    assertEquals("inactive", summary.getAttributes().get(SessionKeys.END_REASON));
    assertEquals(lastActivity, summary.getEndEpochNanos());
  }

  @Test
  void derivedSessionResumedAfterItsTimeoutGetsANewIdNamingThePreviousOne() {
    Object first = agent.start(null, "carol");
    agent.end(first, 200);
    String oldId = agent.spans(SpanKind.SERVER).get(0).getAttributes().get(SemanticKeys.SESSION_ID);
    agent.clock.advance(TIMEOUT.plusSeconds(1));
    agent.sessions.sweep();

    Object resumed = agent.start(null, "carol");
    agent.end(resumed, 200);
    String newId = agent.spans(SpanKind.SERVER).get(1).getAttributes().get(SemanticKeys.SESSION_ID);
    agent.sessions.shutdown();

    assertNotNull(oldId);
    assertNotEquals(oldId, newId);
    assertEquals(oldId, summaryOf(oldId).getAttributes().get(SemanticKeys.SESSION_ID));
    assertEquals("inactive", summaryOf(oldId).getAttributes().get(SessionKeys.END_REASON));
    assertNull(summaryOf(oldId).getAttributes().get(SessionKeys.PREVIOUS_ID));
    assertEquals(oldId, summaryOf(newId).getAttributes().get(SessionKeys.PREVIOUS_ID));
  }

  @Test
  void derivedSessionResumedBeforeTheSweepStillNamesThePreviousOne() {
    Object first = agent.start(null, "dave");
    agent.end(first, 200);
    agent.clock.advance(TIMEOUT.plusSeconds(1));
    Object resumed = agent.start(null, "dave");
    agent.end(resumed, 200);
    agent.sessions.shutdown();

    List<SpanData> servers = agent.spans(SpanKind.SERVER);
    String oldId = servers.get(0).getAttributes().get(SemanticKeys.SESSION_ID);
    String newId = servers.get(1).getAttributes().get(SemanticKeys.SESSION_ID);
    assertNotEquals(oldId, newId);
    assertEquals(oldId, summaryOf(newId).getAttributes().get(SessionKeys.PREVIOUS_ID));
    assertEquals(2, agent.summaries().size());
  }

  @Test
  void aSessionIdSentByTheClientIsNeverChanged() {
    Object first = agent.start("client-7", "erin");
    agent.end(first, 200);
    agent.clock.advance(TIMEOUT.plusSeconds(1));
    agent.sessions.sweep();
    Object resumed = agent.start("client-7", "erin");
    agent.end(resumed, 200);
    agent.sessions.shutdown();

    for (SpanData span : agent.spans()) {
      assertEquals("client-7", span.getAttributes().get(SemanticKeys.SESSION_ID), span.toString());
      assertNull(span.getAttributes().get(SessionKeys.PREVIOUS_ID), span.toString());
    }
    List<SpanData> summaries = agent.summaries();
    assertEquals(2, summaries.size());
    assertEquals("inactive", summaries.get(0).getAttributes().get(SessionKeys.END_REASON));
    assertEquals("shutdown", summaries.get(1).getAttributes().get(SessionKeys.END_REASON));
  }

  @Test
  void sessionEvictedWhileAnotherRequestIsCurrentStillGetsItsOwnTrace() {
    agent.close();
    agent = new AgentPipeline(TIMEOUT, 1);
    Object outer = agent.start("first", "frank"); // its context is current on this thread
    agent.clock.advance(Duration.ofSeconds(1));
    Object inner = agent.start("second", "frank"); // evicts "first" here
    agent.end(inner, 200);
    agent.end(outer, 200);

    SpanData evicted = agent.summaries().get(0);
    assertEquals("first", evicted.getAttributes().get(SemanticKeys.SESSION_ID));
    assertEquals("evicted", evicted.getAttributes().get(SessionKeys.END_REASON));
    assertFalse(evicted.getParentSpanContext().isValid());
    assertNull(evicted.getAttributes().get(SemanticKeys.CONVERSATION_ID));
    // the outer request's end reopened "first", which evicted "second" in turn
    assertEquals(2, agent.sessions.evictedCount());
  }

  private SpanData summaryOf(String sessionId) {
    SpanData found = null;
    for (SpanData span : agent.summaries()) {
      if (sessionId.equals(span.getAttributes().get(SemanticKeys.SESSION_ID))) {
        assertNull(found, "two summaries for " + sessionId);
        found = span;
      }
    }
    assertNotNull(found, "no summary for " + sessionId + " in " + agent.summaries());
    return found;
  }

  private static AttributeType typeOf(Map<AttributeKey<?>, Object> attributes, String key) {
    for (AttributeKey<?> attributeKey : attributes.keySet()) {
      if (attributeKey.getKey().equals(key)) {
        return attributeKey.getType();
      }
    }
    return null;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
