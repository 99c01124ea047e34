package io.parley.agent.llm.cost;

import io.parley.agent.log.ParleyLog;
import java.io.IOException;
import java.io.InputStream;
import java.text.SimpleDateFormat;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * LLM list prices by model: the built-in table ({@code prices.yaml}, with the date the prices
 * were taken) plus the configuration file's {@code prices:} section. A model name is looked up
 * exactly, then by its longest listed prefix, also without a provider prefix
 * ({@code openai/}, {@code models/}, Bedrock's {@code us.anthropic.}). Immutable.
 */
public final class PriceTable {

  private static final String RESOURCE = "prices.yaml";

  private final Map<String, Price> prices;
  private final String takenDate;

  private PriceTable(Map<String, Price> prices, String takenDate) {
    this.prices = Collections.unmodifiableMap(prices);
    this.takenDate = takenDate;
  }

  /** The table shipped with the agent (empty, after an ERROR line, if it cannot be read). */
  public static PriceTable builtIn() {
    return BuiltIn.TABLE;
  }

  /** Holds the built-in table, read once on first use. */
  private static final class BuiltIn {
    static final PriceTable TABLE = load(ParleyLog.get());
  }

  static PriceTable load(ParleyLog log) {
    InputStream in = PriceTable.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      log.error("the built-in price table " + RESOURCE + " is missing; no costs will be computed"
          + " except for prices in the configuration file");
      return new PriceTable(new LinkedHashMap<String, Price>(), null);
    }
    try {
      Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      Map<?, ?> top = document instanceof Map ? (Map<?, ?>) document : Collections.emptyMap();
      Object models = top.get("models");
      Map<String, Price> prices = new LinkedHashMap<String, Price>();
      if (models instanceof Map) {
        addAll(prices, (Map<?, ?>) models, "in the built-in price table", log);
      }
      return new PriceTable(prices, dateText(top.get("taken")));
    } catch (RuntimeException e) {
      log.error("cannot read the built-in price table " + RESOURCE + " ("
          + e.getClass().getSimpleName() + "); no costs will be computed except for prices in"
          + " the configuration file");
      return new PriceTable(new LinkedHashMap<String, Price>(), null);
    } finally {
      try {
        in.close();
      } catch (IOException ignored) {
        // read already
      }
    }
  }

  /**
   * This table with the configuration file's {@code prices:} section laid over it: each entry
   * ({@code my-model: {input: 1.0, cached_input: 0.1, output: 2.0}}) adds a model or replaces a
   * built-in one whole. A bad entry is skipped after an ERROR line naming the model and field.
   */
  public PriceTable withOverrides(Map<String, Object> pricesSection) {
    return withOverrides(pricesSection, ParleyLog.get());
  }

  PriceTable withOverrides(Map<String, Object> pricesSection, ParleyLog log) {
    if (pricesSection == null || pricesSection.isEmpty()) {
      return this;
    }
    Map<String, Price> merged = new LinkedHashMap<String, Price>(prices);
    addAll(merged, pricesSection, "in the configuration file's prices section", log);
    return new PriceTable(merged, takenDate);
  }

  private static void addAll(
      Map<String, Price> into, Map<?, ?> entries, String where, ParleyLog log) {
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      String model = normalise(String.valueOf(entry.getKey()));
      Price price = PriceEntry.read(model, entry.getValue(), where, log);
      if (price != null) {
        into.put(model, price);
      }
    }
  }

  /**
   * The price for {@code model}: exact, then the longest listed prefix ending before a '-', ':',
   * '@' or '_' ({@code gpt-4o-2024-08-06} finds {@code gpt-4o}), each also tried without a
   * provider prefix; null when unknown, never a zero price.
   */
  public Price find(String model) {
    if (model == null) {
      return null;
    }
    String name = normalise(model);
    if (name.isEmpty()) {
      return null;
    }
    String bare = ModelName.withoutProvider(name);
    Price price = prices.get(name);
    if (price == null && !bare.equals(name)) {
      price = prices.get(bare);
    }
    if (price == null) {
      price = longestPrefix(name);
    }
    if (price == null && !bare.equals(name)) {
      price = longestPrefix(bare);
    }
    return price;
  }

  private Price longestPrefix(String name) {
    for (int end = name.length() - 1; end > 0; end--) {
      char ch = name.charAt(end);
      if (ch == '-' || ch == ':' || ch == '@' || ch == '_') {
        Price price = prices.get(name.substring(0, end));
        if (price != null) {
          return price;
        }
      }
    }
    return null;
  }

  /** When the built-in prices were taken from the providers' pages ({@code 2025-11-25}). */
  public String takenDate() {
    return takenDate;
  }

  /** The models listed (lower case), in table order. */
  public Set<String> models() {
    return prices.keySet();
  }

  private static String normalise(String model) {
    return model.trim().toLowerCase(Locale.ROOT);
  }

  private static String dateText(Object taken) {
    if (taken instanceof Date) { // an unquoted YAML date
      SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
      format.setTimeZone(TimeZone.getTimeZone("UTC"));
      return format.format((Date) taken);
    }
    return taken == null ? null : String.valueOf(taken);
  }
}
