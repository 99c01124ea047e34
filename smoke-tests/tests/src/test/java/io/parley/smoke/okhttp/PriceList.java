package io.parley.smoke.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.yaml.snakeyaml.Yaml;

/**
 * The agent's built-in price table, read from the agent jar itself ({@code prices.yaml}), so that
 * expected costs follow the table rather than numbers copied into the tests. Lookup as the agent
 * documents it: exact model name, else the longest listed prefix ending before '-', ':', '@', '_'.
 */
final class PriceList {

  private static final double PER_MILLION = 1_000_000d;

  /** USD per million tokens. */
  record Price(String model, double input, double output) {}

  private final Map<String, Price> prices;

  private PriceList(Map<String, Price> prices) {
    this.prices = prices;
  }

  static PriceList fromAgentJar(Path agentJar) {
    try (ZipFile jar = new ZipFile(agentJar.toFile())) {
      ZipEntry table = null;
      for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        if (entry.getName().startsWith("io/parley/agent/") && entry.getName().endsWith("/prices.yaml")) {
          table = entry;
        }
      }
      if (table == null) {
        throw new AssertionError("the agent jar " + agentJar + " has no built-in price table (prices.yaml)");
      }
      try (InputStream in = jar.getInputStream(table)) {
        Map<?, ?> document = new Yaml().load(in);
        Map<String, Price> prices = new LinkedHashMap<>();
        ((Map<?, ?>) document.get("models"))
            .forEach(
                (model, fields) -> {
                  Map<?, ?> price = (Map<?, ?>) fields;
                  prices.put(
                      String.valueOf(model).toLowerCase(),
                      new Price(String.valueOf(model), number(price.get("input")), number(price.get("output"))));
                });
        return new PriceList(prices);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The price the agent uses for a call: by response model when listed, else by request model. */
  Price priceFor(String responseModel, String requestModel) {
    Price price = find(responseModel);
    return price != null ? price : find(requestModel);
  }

  /** Cost in USD of a call without cached tokens; null when the table does not know the model. */
  Double cost(String responseModel, String requestModel, long inputTokens, long outputTokens) {
    Price price = priceFor(responseModel, requestModel);
    if (price == null) {
      return null;
    }
    return (inputTokens * price.input() + outputTokens * price.output()) / PER_MILLION;
  }

  Price find(String model) {
    if (model == null) {
      return null;
    }
    String name = model.toLowerCase();
    Price exact = prices.get(name);
    if (exact != null) {
      return exact;
    }
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

  private static double number(Object value) {
    return value == null ? 0d : ((Number) value).doubleValue();
  }
}
