package io.parley.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The kinds of value a configuration key can hold, with how each is parsed and written. */
public enum ConfigType {
  /** Any text, trimmed; blank means "not set", accepted only by optional keys (null default). */
  STRING {
    @Override
    Object parse(ConfigKey<?> key, String text) {
      String value = text.trim();
      if (value.isEmpty()) {
        if (key.defaultValue() == null) {
          return null;
        }
        throw new IllegalArgumentException("blank value");
      }
      return value;
    }

    @Override
    String expectation(ConfigKey<?> key) {
      return "expected a non-empty value";
    }
  },

  /** Comma-separated text, each item trimmed, empty items dropped; an empty list is allowed. */
  STRING_LIST {
    @Override
    Object parse(ConfigKey<?> key, String text) {
      List<String> items = new ArrayList<>();
      for (String item : text.split(",")) {
        String trimmed = item.trim();
        if (!trimmed.isEmpty()) {
          items.add(trimmed);
        }
      }
      return Collections.unmodifiableList(items);
    }

    @Override
    String expectation(ConfigKey<?> key) {
      return "expected a comma-separated list";
    }

    @Override
    String format(Object value) {
      return String.join(",", toStrings((List<?>) value));
    }
  },

  /** {@code true} or {@code false}, in any letter case. */
  BOOLEAN {
    @Override
    Object parse(ConfigKey<?> key, String text) {
      String value = text.trim();
      if (value.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (value.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
      throw new IllegalArgumentException("not a boolean");
    }

    @Override
    String expectation(ConfigKey<?> key) {
      return "expected true or false";
    }
  },

  /** A decimal integer, at least the key's minimum when it has one. */
  INTEGER {
    @Override
    Object parse(ConfigKey<?> key, String text) {
      int value = Integer.parseInt(text.trim());
      if (key.min() != null && value < key.min()) {
        throw new IllegalArgumentException("below minimum");
      }
      return value;
    }

    @Override
    String expectation(ConfigKey<?> key) {
      return key.min() == null ? "expected an integer" : "expected an integer >= " + key.min();
    }

    @Override
    String label(ConfigKey<?> key) {
      return key.min() == null ? "integer" : "integer (min " + key.min() + ")";
    }
  },

  /** A positive {@link Duration}, written as {@link DurationFormat} reads it. */
  DURATION {
    @Override
    Object parse(ConfigKey<?> key, String text) {
      return DurationFormat.parse(text);
    }

    @Override
    String expectation(ConfigKey<?> key) {
      return "expected a duration like 500ms, 30s, 30m, 1h, 1d or PT30S, greater than zero"
          + " (a bare number is milliseconds)";
    }

    @Override
    String format(Object value) {
      return DurationFormat.format((Duration) value);
    }
  },

  /**
   * A comma-separated list whose items are each one of the key's accepted values (lower case),
   * without duplicates; an empty list is allowed.
   */
  ENUM_LIST {
    @Override
    Object parse(ConfigKey<?> key, String text) {
      List<String> items = new ArrayList<>();
      for (String item : text.split(",")) {
        String value = item.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || items.contains(value)) {
          continue;
        }
        if (!key.acceptedValues().contains(value)) {
          throw new IllegalArgumentException("not an accepted value");
        }
        items.add(value);
      }
      return Collections.unmodifiableList(items);
    }

    @Override
    String expectation(ConfigKey<?> key) {
      return "expected a comma-separated list of " + String.join(", ", key.acceptedValues());
    }

    @Override
    String label(ConfigKey<?> key) {
      return "list of " + String.join(", ", key.acceptedValues());
    }

    @Override
    String format(Object value) {
      return String.join(",", toStrings((List<?>) value));
    }
  },

  /** One of the key's accepted values, compared and stored in lower case. */
  ENUM {
    @Override
    Object parse(ConfigKey<?> key, String text) {
      String value = text.trim().toLowerCase(Locale.ROOT);
      if (!key.acceptedValues().contains(value)) {
        throw new IllegalArgumentException("not an accepted value");
      }
      return value;
    }

    @Override
    String expectation(ConfigKey<?> key) {
      return "expected one of " + String.join(", ", key.acceptedValues());
    }

    @Override
    String label(ConfigKey<?> key) {
      return "one of " + String.join(", ", key.acceptedValues());
    }
  };

  /**
   * Parses trimmed {@code text} for {@code key}.
   *
   * @throws IllegalArgumentException when the text is not acceptable
   */
  abstract Object parse(ConfigKey<?> key, String text);

  /** What is accepted, for error lines: "expected ...". */
  abstract String expectation(ConfigKey<?> key);

  /** The type as shown in the README table. */
  String label(ConfigKey<?> key) {
    return name().toLowerCase(Locale.ROOT).replace("string_list", "list");
  }

  /** Writes a parsed, non-null value back in the form a user would type. */
  String format(Object value) {
    return String.valueOf(value);
  }

  private static List<String> toStrings(List<?> values) {
    List<String> strings = new ArrayList<>();
    for (Object value : values) {
      strings.add(String.valueOf(value));
    }
    return strings;
  }
}
