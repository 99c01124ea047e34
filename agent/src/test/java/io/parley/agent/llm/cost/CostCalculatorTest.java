package io.parley.agent.llm.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.agent.llm.wire.ResponseSummary;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {

  private static final Price GPT_4O = new Price("gpt-4o", 2.50, 1.25, null, 10.00);
  private static final Price SONNET = new Price("claude-sonnet-4-5", 3.00, 0.30, 3.75, 15.00);

  private final CostCalculator calculator = new CostCalculator(PriceTable.builtIn());

  @Test
  void withoutCache() {
    // 1000 x 2.50 + 500 x 10.00 = 7500 micro-dollars
    assertEquals(0.0075, CostCalculator.cost(GPT_4O, 1000L, null, null, 500L), 1e-12);
  }

  @Test
  void cacheReadsAtTheCachedPrice() {
    // (1000 - 800) x 2.50 + 800 x 1.25 + 100 x 10.00 = 500 + 1000 + 1000
    assertEquals(0.0025, CostCalculator.cost(GPT_4O, 1000L, 800L, 0L, 100L), 1e-12);
  }

  @Test
  void cacheWritesAtTheWritePrice() {
    // (5000 - 1000 - 3000) x 3 + 1000 x 0.30 + 3000 x 3.75 + 200 x 15
    // = 3000 + 300 + 11250 + 3000 = 17550
    assertEquals(0.01755, CostCalculator.cost(SONNET, 5000L, 1000L, 3000L, 200L), 1e-12);
  }

  @Test
  void cacheWritesWithoutAWritePriceCostInput() {
    // (100 - 40) x 2.50 + 40 x 2.50
    assertEquals(0.00025, CostCalculator.cost(GPT_4O, 100L, null, 40L, null), 1e-12);
  }

  @Test
  void unknownPriceOrNoCountsHaveNoCost() {
    assertNull(CostCalculator.cost(null, 1000L, null, null, 500L));
    assertNull(CostCalculator.cost(GPT_4O, null, null, null, null));
    assertNull(CostCalculator.cost(GPT_4O, null, 5L, 5L, null));
  }

  @Test
  void zeroTokensCostZero() {
    assertEquals(0.0, CostCalculator.cost(GPT_4O, 0L, null, null, 0L), 0);
  }

  @Test
  void inconsistentCacheCountsNeverMakeACostNegative() {
    assertEquals(800 * 1.25 / 1e6, CostCalculator.cost(GPT_4O, 100L, 800L, null, null), 1e-12);
  }

  @Test
  void summaryIsPricedByTheResponseModelFirst() {
    ResponseSummary summary = new ResponseSummary("gpt-4o-2024-08-06", "id", null,
        1000L, 500L, null, null, null, null);
    assertEquals(0.0075, calculator.cost(summary, "some-alias"), 1e-12);
  }

  @Test
  void summaryFallsBackToTheRequestModel() {
    // Bedrock Converse: no model in the response, the URL's id in the request
    ResponseSummary summary = new ResponseSummary(null, null, null, 1530L, 628L, 1200L, 300L,
        null, null);
    // (1530 - 1200 - 300) x 3 + 1200 x 0.30 + 300 x 3.75 + 628 x 15 = 90 + 360 + 1125 + 9420
    assertEquals(0.010995,
        calculator.cost(summary, "us.anthropic.claude-sonnet-4-20250514-v1:0"), 1e-12);
  }

  @Test
  void unknownModelsHaveNoCostNeverZero() {
    ResponseSummary summary = new ResponseSummary("llama3.2", null, null, 26L, 282L, null, null,
        null, null);
    assertNull(calculator.cost(summary, "llama3.2"));
    assertNull(calculator.cost(null, "gpt-4o"));
  }
}
