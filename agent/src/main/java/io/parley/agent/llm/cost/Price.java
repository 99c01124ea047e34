package io.parley.agent.llm.cost;

/** One model's list prices in USD per million tokens, as entered in the price table. */
public final class Price {

  private final String model;
  private final double input;
  private final double cachedInput;
  private final double cacheWrite;
  private final double output;

  /**
   * @param cachedInput the price of a cache read, or null when the model has no discount (then
   *     {@code input})
   * @param cacheWrite the price of a cache write, or null when writes cost plain input
   */
  public Price(String model, double input, Double cachedInput, Double cacheWrite, double output) {
    this.model = model;
    this.input = input;
    this.cachedInput = cachedInput == null ? input : cachedInput;
    this.cacheWrite = cacheWrite == null ? input : cacheWrite;
    this.output = output;
  }

  /** The table entry this price came from ({@code gpt-4o} for {@code gpt-4o-2024-08-06}). */
  public String model() {
    return model;
  }

  public double inputPerMillion() {
    return input;
  }

  public double cachedInputPerMillion() {
    return cachedInput;
  }

  public double cacheWritePerMillion() {
    return cacheWrite;
  }

  public double outputPerMillion() {
    return output;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Price)) {
      return false;
    }
    Price that = (Price) other;
    return model.equals(that.model) && input == that.input && cachedInput == that.cachedInput
        && cacheWrite == that.cacheWrite && output == that.output;
  }

  @Override
  public int hashCode() {
    return model.hashCode() * 31 + Double.valueOf(input + 7 * output).hashCode();
  }

  @Override
  public String toString() {
    return model + "{input=" + input + ", cached_input=" + cachedInput
        + ", cache_write=" + cacheWrite + ", output=" + output + "}";
  }
}
