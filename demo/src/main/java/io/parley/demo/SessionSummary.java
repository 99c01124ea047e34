package io.parley.demo;

import java.util.Set;
import java.util.TreeSet;

/** What the spans of one session add up to: requests, time, turns, LLM calls, tokens, cost. */
final class SessionSummary {

  /** The row for spans that carry no {@code session.id}. */
  static final String NO_SESSION = "(no session)";

  // Attributes the agent puts on spans (SPEC sections 3 and 5). The LLM ones appear once the
  // agent instruments LLM calls; until then their columns show "-".
  static final String SESSION_ID = "session.id";
  static final String USER_ID = "user.id";
  static final String TURN_NUMBER = "turn.number";
  static final String OPERATION_NAME = "gen_ai.operation.name";
  static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
  static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  static final String COST_USD = "gen_ai.usage.cost";

  private final String sessionId;
  private String user;
  private int requests;
  private long firstStartNanos = Long.MAX_VALUE;
  private long lastEndNanos = Long.MIN_VALUE;
  private final Set<Long> turnNumbers = new TreeSet<>();
  private int llmCalls;
  private Long inputTokens; // null until an LLM span reports some: unknown is not zero
  private Long outputTokens;
  private Double costUsd;

  SessionSummary(String sessionId) {
    this.sessionId = sessionId;
  }

  /** The session id the spans of {@code span}'s request carry, or {@link #NO_SESSION}. */
  static String sessionOf(ExportedSpan span) {
    String id = span.string(SESSION_ID);
    return id == null || id.isEmpty() ? NO_SESSION : id;
  }

  void add(ExportedSpan span) {
    if (user == null) {
      user = span.string(USER_ID);
    }
    if (span.kind() == ExportedSpan.KIND_SERVER) {
      requests++;
    }
    firstStartNanos = Math.min(firstStartNanos, span.startNanos());
    lastEndNanos = Math.max(lastEndNanos, span.endNanos());
    Long turn = span.longValue(TURN_NUMBER);
    if (turn != null) {
      turnNumbers.add(turn);
    }
    if (isLlmCall(span)) {
      llmCalls++;
      inputTokens = plus(inputTokens, span.longValue(INPUT_TOKENS));
      outputTokens = plus(outputTokens, span.longValue(OUTPUT_TOKENS));
      costUsd = plus(costUsd, span.doubleValue(COST_USD));
    }
  }

  static boolean isLlmCall(ExportedSpan span) {
    return span.kind() == ExportedSpan.KIND_CLIENT && span.string(OPERATION_NAME) != null;
  }

  /** A sum in which "no value" stays distinct from 0 until a value comes. */
  static Long plus(Long sum, Long value) {
    if (value == null) {
      return sum;
    }
    return sum == null ? value : Long.valueOf(sum + value);
  }

  static Double plus(Double sum, Double value) {
    if (value == null) {
      return sum;
    }
    return sum == null ? value : Double.valueOf(sum + value);
  }

  String sessionId() {
    return sessionId;
  }

  /** The user as the agent recorded it (hashed by default), or null. */
  String user() {
    return user;
  }

  int requests() {
    return requests;
  }

  long firstStartNanos() {
    return firstStartNanos;
  }

  long lastEndNanos() {
    return lastEndNanos;
  }

  /** From the first span's start to the last span's end. */
  long durationNanos() {
    return Math.max(0, lastEndNanos - firstStartNanos);
  }

  /** Distinct turn numbers seen. */
  int turns() {
    return turnNumbers.size();
  }

  int llmCalls() {
    return llmCalls;
  }

  Long inputTokens() {
    return inputTokens;
  }

  Long outputTokens() {
    return outputTokens;
  }

  Double costUsd() {
    return costUsd;
  }
}
