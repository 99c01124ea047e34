package io.parley.agent.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads and writes durations the way OpenTelemetry configuration does: {@code 500ms}, {@code 2s},
 * {@code 30m}, {@code 1h}, {@code 1d}, a bare number of milliseconds, or ISO-8601 ({@code PT2S}).
 */
public final class DurationFormat {

  private static final String[] UNITS = {"ns", "us", "ms", "s", "m", "h", "d"};

  private DurationFormat() {}

  /**
   * Parses {@code text} into a positive duration.
   *
   * @throws IllegalArgumentException if the text is not a duration or is not greater than zero
   */
  public static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Duration duration;
    try {
      duration = value.startsWith("p") || value.startsWith("-p")
          ? Duration.parse(value.toUpperCase(Locale.ROOT))
          : parseWithUnit(value);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("not a duration: " + text, e);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be greater than zero: " + text);
    }
    return duration;
  }

  /** Writes {@code duration} in the largest unit that represents it exactly, e.g. {@code 30m}. */
  public static String format(Duration duration) {
    long millis;
    try {
      millis = duration.toMillis();
    } catch (ArithmeticException e) {
      return duration.toString();
    }
    if (!Duration.ofMillis(millis).equals(duration)) {
      return duration.toString();
    }
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis != 0 && millis % sizes[i] == 0) {
        return (millis / sizes[i]) + names[i];
      }
    }
    return millis + "ms";
  }

  private static Duration parseWithUnit(String value) {
    String unit = "";
    // the longest matching suffix wins, so "ms" is not read as "s"
    for (String candidate : UNITS) {
      if (value.endsWith(candidate) && candidate.length() > unit.length()) {
        unit = candidate;
      }
    }
    String digits = value.substring(0, value.length() - unit.length()).trim();
    if (digits.isEmpty() || !digits.matches("[+-]?[0-9]+")) {
      throw new IllegalArgumentException("not a duration: " + value);
    }
    long amount = Long.parseLong(digits);
    switch (unit) {
      case "ns":
        return Duration.ofNanos(amount);
      case "us":
        return Duration.ofNanos(Math.multiplyExact(amount, 1_000L));
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      case "d":
        return Duration.ofDays(amount);
      default:
        return Duration.ofMillis(amount); // "ms", or no unit at all
    }
  }
}
