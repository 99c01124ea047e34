package io.parley.smoke.llm;

import io.parley.smoke.launch.SmokeEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The price table the agent jar ships ({@code io/parley/agent/llm/cost/prices.yaml}), read from
 * the very jar the applications run with, so expected costs follow the table rather than
 * hard-coded numbers: exact model, else its longest listed prefix; USD per million tokens.
 */
final class AgentPrices {

  private static final String RESOURCE = "io/parley/agent/llm/cost/prices.yaml";

  private final Map<String, Map<String, Object>> models;

  private AgentPrices(Map<String, Map<String, Object>> models) {
    this.models = models;
  }

  @SuppressWarnings("unchecked")
  static AgentPrices fromAgentJar() {
    try (ZipFile jar = new ZipFile(SmokeEnvironment.agentJar().toFile())) {
      ZipEntry entry = jar.getEntry(RESOURCE);
      if (entry == null) {
        throw new IllegalStateException(RESOURCE + " is not in " + SmokeEnvironment.agentJar());
      }
      try (InputStream in = jar.getInputStream(entry)) {
        Map<String, Object> top = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        return new AgentPrices((Map<String, Map<String, Object>>) top.get("models"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The price entry of {@code model}: exact, else the longest listed prefix; null if none. */
  Map<String, Object> find(String model) {
    if (model == null) {
      return null;
    }
    Map<String, Object> exact = models.get(model);
    if (exact != null) {
      return exact;
    }
    String best = null;
    for (String listed : models.keySet()) {
      if (model.startsWith(listed) && (best == null || listed.length() > best.length())) {
        best = listed;
      }
    }
    return best == null ? null : models.get(best);
  }

  /**
   * The cost of a call without cached tokens, priced by the response model when listed, else by
   * the request model; null when neither is listed.
   */
  Double cost(String responseModel, String requestModel, long input, long output) {
    Map<String, Object> price = find(responseModel);
    if (price == null) {
      price = find(requestModel);
    }
    if (price == null) {
      return null;
    }
    return (input * number(price, "input") + output * number(price, "output")) / 1_000_000d;
  }

  private static double number(Map<String, Object> price, String field) {
    Object value = price.get(field);
    return value instanceof Number ? ((Number) value).doubleValue() : 0d;
  }
}
