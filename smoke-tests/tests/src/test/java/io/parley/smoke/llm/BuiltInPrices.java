package io.parley.smoke.llm;

import io.parley.smoke.launch.SmokeEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The price table shipped inside the agent jar ({@code prices.yaml}), read independently of the
 * agent's code, so a test derives the cost it expects from the same data the agent prices with.
 */
final class BuiltInPrices {

  private static final String ENTRY = "io/parley/agent/llm/cost/prices.yaml";
  private static final Pattern MODEL_LINE =
      Pattern.compile("^\\s+([A-Za-z0-9_./:-]+):\\s*\\{([^}]*)\\}\\s*(#.*)?$");
  private static final Pattern FIELD = Pattern.compile("(\\w+):\\s*([0-9.]+)");

  /** USD per million tokens. */
  record Price(double input, double cachedInput, double output) {}

  private final Map<String, Price> prices = new LinkedHashMap<>();

  private BuiltInPrices(String yaml) {
    for (String line : yaml.split("\n")) {
      Matcher m = MODEL_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, Double> fields = new LinkedHashMap<>();
      Matcher f = FIELD.matcher(m.group(2));
      while (f.find()) {
        fields.put(f.group(1), Double.parseDouble(f.group(2)));
      }
      Double input = fields.get("input");
      Double output = fields.get("output");
      if (input != null && output != null) {
        prices.put(m.group(1), new Price(input, fields.getOrDefault("cached_input", input), output));
      }
    }
  }

  static BuiltInPrices fromAgentJar() {
    try (ZipFile jar = new ZipFile(SmokeEnvironment.agentJar().toFile())) {
      ZipEntry entry = jar.getEntry(ENTRY);
      if (entry == null) {
        throw new IllegalStateException(ENTRY + " is not in the agent jar");
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return new BuiltInPrices(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model's price: listed exactly, else by its longest listed prefix; null when unlisted. */
  Price find(String model) {
    if (model == null) {
      return null;
    }
    Price exact = prices.get(model);
    if (exact != null) {
      return exact;
    }
    String best = null;
    for (String listed : prices.keySet()) {
      if (model.startsWith(listed) && (best == null || listed.length() > best.length())) {
        best = listed;
      }
    }
    return best == null ? null : prices.get(best);
  }

  /**
   * The cost of a call as the README defines it: uncached input, cached input and output tokens
   * at their prices, per million; priced by the response model, else the request model.
   */
  Double cost(String responseModel, String requestModel, long input, long cachedInput, long output) {
    Price price = find(responseModel);
    if (price == null) {
      price = find(requestModel);
    }
    if (price == null) {
      return null;
    }
    return ((input - cachedInput) * price.input()
            + cachedInput * price.cachedInput()
            + output * price.output())
        / 1_000_000d;
  }
}
