package io.parley.agent.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One declared configuration key: its name, environment variable, type, default and description.
 *
 * @param <T> the Java type of its value: String, {@code List<String>}, Boolean, Integer or Duration
 */
public final class ConfigKey<T> {

  static final String PREFIX = "parley.";

  private final String name;
  private final ConfigType type;
  private final T defaultValue;
  private final String description;
  private final boolean secret;
  private final List<String> acceptedValues;
  private final Integer min;

  private ConfigKey(
      String name,
      ConfigType type,
      T defaultValue,
      String description,
      boolean secret,
      List<String> acceptedValues,
      Integer min) {
    if (!name.matches("parley(\\.[a-z0-9]+)+")) {
      throw new IllegalArgumentException("not a parley key name: " + name);
    }
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    this.secret = secret;
    this.acceptedValues = acceptedValues;
    this.min = min;
  }

  /** A text key; a null default makes it optional. */
  public static ConfigKey<String> string(String name, String defaultValue, String description) {
    return new ConfigKey<>(name, ConfigType.STRING, defaultValue, description, false, none(), null);
  }

  /** A comma-separated list key; {@code defaultCsv} is written as a user would write it. */
  public static ConfigKey<List<String>> stringList(
      String name, String defaultCsv, String description) {
    ConfigKey<List<String>> unparsed =
        new ConfigKey<>(name, ConfigType.STRING_LIST, null, description, false, none(), null);
    return unparsed.withDefault(unparsed.parse(defaultCsv));
  }

  /** A true/false key. */
  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
    return new ConfigKey<>(
        name, ConfigType.BOOLEAN, defaultValue, description, false, none(), null);
  }

  /** An integer key; see {@link #atLeast(int)} for a minimum. */
  public static ConfigKey<Integer> integer(String name, int defaultValue, String description) {
    return new ConfigKey<>(
        name, ConfigType.INTEGER, defaultValue, description, false, none(), null);
  }

  /** A duration key; {@code defaultText} is written as a user would write it, e.g. {@code 30m}. */
  public static ConfigKey<Duration> duration(String name, String defaultText, String description) {
    return new ConfigKey<>(
        name, ConfigType.DURATION, DurationFormat.parse(defaultText), description, false, none(),
        null);
  }

  /** A key whose value is one of {@code accepted} (lower case); the default must be one of them. */
  public static ConfigKey<String> oneOf(
      String name, String defaultValue, String description, String... accepted) {
    List<String> values = Collections.unmodifiableList(Arrays.asList(accepted));
    for (String value : values) {
      if (!value.equals(value.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("accepted values must be lower case: " + value);
      }
    }
    if (!values.contains(defaultValue)) {
      throw new IllegalArgumentException(name + ": default " + defaultValue + " not accepted");
    }
    return new ConfigKey<>(name, ConfigType.ENUM, defaultValue, description, false, values, null);
  }

  /**
   * A comma-separated list key whose items must each be one of {@code accepted} (lower case);
   * {@code defaultCsv} is written as a user would write it.
   */
  public static ConfigKey<List<String>> listOf(
      String name, String defaultCsv, String description, String... accepted) {
    List<String> values = Collections.unmodifiableList(Arrays.asList(accepted));
    for (String value : values) {
      if (!value.equals(value.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("accepted values must be lower case: " + value);
      }
    }
    ConfigKey<List<String>> unparsed =
        new ConfigKey<>(name, ConfigType.ENUM_LIST, null, description, false, values, null);
    return unparsed.withDefault(unparsed.parse(defaultCsv));
  }

  /** This key, with values below {@code minimum} rejected (integer keys only). */
  public ConfigKey<T> atLeast(int minimum) {
    if (type != ConfigType.INTEGER) {
      throw new IllegalStateException(name + " is not an integer key");
    }
    return new ConfigKey<>(name, type, defaultValue, description, secret, acceptedValues, minimum);
  }

  /** This key, with its value never written to any log line. */
  public ConfigKey<T> secret() {
    return new ConfigKey<>(name, type, defaultValue, description, true, acceptedValues, min);
  }

  private ConfigKey<T> withDefault(T value) {
    return new ConfigKey<>(name, type, value, description, secret, acceptedValues, min);
  }

  private static List<String> none() {
    return Collections.emptyList();
  }

  /** The key as a system property or file entry, e.g. {@code parley.session.timeout}. */
  public String name() {
    return name;
  }

  /** The matching environment variable, e.g. {@code PARLEY_SESSION_TIMEOUT}. */
  public String envName() {
    return envName(name);
  }

  /** Maps a key name to its environment variable: upper case, '.' becomes '_'. */
  static String envName(String keyName) {
    return keyName.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  public ConfigType type() {
    return type;
  }

  /** The built-in value; may be null for optional keys. */
  public T defaultValue() {
    return defaultValue;
  }

  /** One sentence, as shown in the README table. */
  public String description() {
    return description;
  }

  /** Whether the value must never appear in a log line. */
  public boolean isSecret() {
    return secret;
  }

  /** The accepted values of an enumerated key or list; empty for other types. */
  public List<String> acceptedValues() {
    return acceptedValues;
  }

  /** The smallest accepted integer, or null. */
  public Integer min() {
    return min;
  }

  /**
   * Parses {@code text} as this key's type.
   *
   * @throws IllegalArgumentException when the text is not acceptable; see {@link #expectation()}
   */
  @SuppressWarnings("unchecked") // the factories pair each ConfigType with its Java type
  public T parse(String text) {
    return (T) type.parse(this, text);
  }

  /** What this key accepts, phrased for an error line ("expected ..."). */
  public String expectation() {
    return type.expectation(this);
  }

  /** The type as shown in the README table. */
  public String typeLabel() {
    return type.label(this);
  }

  /** {@code value} written as a user would type it, or {@code (none)} for null. */
  public String format(T value) {
    return value == null ? "(none)" : type.format(value);
  }

  /** Like {@link #format}, but {@code <hidden>} for a set secret; safe for log lines. */
  public String display(T value) {
    return secret && value != null ? "<hidden>" : format(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConfigKey && ((ConfigKey<?>) other).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
