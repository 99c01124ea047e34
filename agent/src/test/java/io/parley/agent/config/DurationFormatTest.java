package io.parley.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationFormatTest {

  @Test
  void readsEachUnit() {
    assertEquals(Duration.ofMillis(500), DurationFormat.parse("500ms"));
    assertEquals(Duration.ofSeconds(2), DurationFormat.parse("2s"));
    assertEquals(Duration.ofMinutes(30), DurationFormat.parse("30m"));
    assertEquals(Duration.ofHours(1), DurationFormat.parse("1h"));
    assertEquals(Duration.ofDays(1), DurationFormat.parse("1d"));
  }

  @Test
  void bareNumberIsMilliseconds() {
    assertEquals(Duration.ofMillis(1500), DurationFormat.parse("1500"));
  }

  @Test
  void readsIso8601() {
    assertEquals(Duration.ofSeconds(2), DurationFormat.parse("PT2S"));
    assertEquals(Duration.ofMinutes(90), DurationFormat.parse("pt1h30m"));
  }

  @Test
  void toleratesSpacesAndUpperCaseUnits() {
    assertEquals(Duration.ofMinutes(10), DurationFormat.parse(" 10 M "));
  }

  @Test
  void rejectsZeroAndNegative() {
    assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse("0"));
    assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse("-5s"));
    assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse("PT0S"));
  }

  @Test
  void rejectsWhatIsNotADuration() {
    for (String bad : new String[] {"abc", "", "s", "1.5s", "10 minutes", "1w", "PTx", "1e3"}) {
      assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse(bad), bad);
    }
  }

  @Test
  void rejectsOverflow() {
    assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse("99999999999999999d"));
    assertThrows(IllegalArgumentException.class,
        () -> DurationFormat.parse("999999999999999999999999"));
  }

  @Test
  void writesTheLargestExactUnit() {
    assertEquals("30m", DurationFormat.format(Duration.ofMinutes(30)));
    assertEquals("1d", DurationFormat.format(Duration.ofHours(24)));
    assertEquals("90s", DurationFormat.format(Duration.ofSeconds(90)));
    assertEquals("1500ms", DurationFormat.format(Duration.ofMillis(1500)));
    assertEquals("PT0.0000001S", DurationFormat.format(Duration.ofNanos(100)));
  }
}
