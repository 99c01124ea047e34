package io.parley.agent.llm.cost;

import io.parley.agent.llm.wire.ResponseSummary;

/** The USD cost of one LLM call: its token counts priced by the {@link PriceTable}. */
public final class CostCalculator {

  private static final double PER_MILLION = 1_000_000d;

  private final PriceTable prices;

  public CostCalculator(PriceTable prices) {
    this.prices = prices;
  }

  /**
   * The cost of a call, priced by the response's model when the table knows it (it is often the
   * dated name), else by the request's; null when neither is known or no tokens were counted.
   */
  public Double cost(ResponseSummary summary, String requestModel) {
    if (summary == null) {
      return null;
    }
    Price price = prices.find(summary.responseModel());
    if (price == null) {
      price = prices.find(requestModel);
    }
    return cost(price, summary.inputTokens(), summary.cacheReadInputTokens(),
        summary.cacheCreationInputTokens(), summary.outputTokens());
  }

  /**
   * {@code (input - cacheRead - cacheCreation) x input price + cacheRead x cached-input price
   * + cacheCreation x cache-write price + output x output price}, per million tokens;
   * {@code inputTokens} includes the cached ones. Null when the price is unknown or neither input
   * nor output was counted; a missing cache count is 0.
   */
  public static Double cost(
      Price price, Long inputTokens, Long cacheReadTokens, Long cacheCreationTokens,
      Long outputTokens) {
    if (price == null || (inputTokens == null && outputTokens == null)) {
      return null;
    }
    long cacheRead = orZero(cacheReadTokens);
    long cacheCreation = orZero(cacheCreationTokens);
    long uncached = Math.max(0L, orZero(inputTokens) - cacheRead - cacheCreation);
    double micros = uncached * price.inputPerMillion()
        + cacheRead * price.cachedInputPerMillion()
        + cacheCreation * price.cacheWritePerMillion()
        + orZero(outputTokens) * price.outputPerMillion();
    return micros / PER_MILLION;
  }

  private static long orZero(Long count) {
    return count == null || count < 0 ? 0L : count;
  }
}
