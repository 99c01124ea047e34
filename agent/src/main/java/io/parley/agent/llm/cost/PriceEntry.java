package io.parley.agent.llm.cost;

import io.parley.agent.log.ParleyLog;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads one price entry from YAML ({@code gpt-4o: {input: 2.5, cached_input: 1.25, output: 10}})
 * into a {@link Price}, or says, in one ERROR line naming the model and the field, why not.
 */
final class PriceEntry {

  private static final List<String> FIELD_NAMES =
      Arrays.asList("input", "cached_input", "cache_write", "output");
  private static final String FIELDS = "input, cached_input, cache_write, output";

  private PriceEntry() {}

  /** The price, or null after logging why the entry is skipped. */
  static Price read(String model, Object value, String where, ParleyLog log) {
    String problem = problem(model, value);
    if (problem != null) {
      log.error("ignoring the price of model '" + shorten(model) + "' " + where + ": " + problem);
      return null;
    }
    Map<?, ?> fields = (Map<?, ?>) value;
    return new Price(
        model,
        number(fields.get("input")),
        fields.get("cached_input") == null ? null : number(fields.get("cached_input")),
        fields.get("cache_write") == null ? null : number(fields.get("cache_write")),
        number(fields.get("output")));
  }

  private static String problem(String model, Object value) {
    if (model.isEmpty()) {
      return "a model name is needed";
    }
    if (!(value instanceof Map)) {
      return "expected the fields " + FIELDS + " (USD per million tokens)";
    }
    Map<?, ?> fields = (Map<?, ?>) value;
    for (Map.Entry<?, ?> field : fields.entrySet()) {
      String name = String.valueOf(field.getKey());
      if (!FIELD_NAMES.contains(name)) {
        return "unknown field '" + shorten(name) + "' (expected " + FIELDS + ")";
      }
      boolean optional = name.equals("cached_input") || name.equals("cache_write");
      if (field.getValue() == null && optional) {
        continue;
      }
      if (Double.isNaN(number(field.getValue()))) {
        return "'" + name + "' must be a number of USD per million tokens, 0 or more, not "
            + describe(field.getValue());
      }
    }
    for (String required : new String[] {"input", "output"}) {
      if (!fields.containsKey(required)) {
        return "'" + required + "' is missing (USD per million tokens)";
      }
    }
    return null;
  }

  /** A non-negative finite number, or NaN. */
  private static double number(Object value) {
    double number = Double.NaN;
    if (value instanceof Number) {
      number = ((Number) value).doubleValue();
    } else if (value instanceof String) {
      try {
        number = Double.parseDouble(((String) value).trim());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return number >= 0 && !Double.isInfinite(number) ? number : Double.NaN;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map || value instanceof Iterable) {
      return "a nested " + (value instanceof Map ? "map" : "list");
    }
    return "'" + shorten(String.valueOf(value)) + "'";
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
