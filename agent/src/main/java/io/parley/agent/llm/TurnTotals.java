package io.parley.agent.llm;

/** Running totals of the LLM calls made within one turn (one inbound request). */
public final class TurnTotals {

  private long llmCalls;
  private long inputTokens;
  private long outputTokens;
  private double costUsd;
  private boolean costKnown;

  /** Adds one finished LLM call; null counts are ignored. */
  public synchronized void add(Long input, Long output, Double cost) {
    llmCalls++;
    if (input != null) {
      inputTokens += input;
    }
    if (output != null) {
      outputTokens += output;
    }
    if (cost != null) {
      costUsd += cost;
      costKnown = true;
    }
  }

  public synchronized long llmCalls() {
    return llmCalls;
  }

  public synchronized long inputTokens() {
    return inputTokens;
  }

  public synchronized long outputTokens() {
    return outputTokens;
  }

  /** The summed cost, or null when no call of the turn had a known price. */
  public synchronized Double costUsd() {
    return costKnown ? costUsd : null;
  }
}
