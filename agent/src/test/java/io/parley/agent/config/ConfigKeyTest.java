package io.parley.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

  @Test
  void envNameIsUpperCaseWithUnderscores() {
    assertEquals("PARLEY_SESSION_TIMEOUT", ParleyKeys.SESSION_TIMEOUT.envName());
    assertEquals("PARLEY_SESSION_BAGGAGE_KEYS", ParleyKeys.SESSION_BAGGAGE_KEYS.envName());
  }

  @Test
  void stringIsTrimmed() {
    assertEquals("X-Conv", ParleyKeys.CONVERSATION_HEADER.parse("  X-Conv "));
  }

  @Test
  void blankStringUnsetsAnOptionalKey() {
    assertNull(ParleyKeys.USER_HASH_KEY.parse("  "));
  }

  @Test
  void blankStringIsRejectedWhenTheKeyHasADefault() {
    assertThrows(IllegalArgumentException.class, () -> ParleyKeys.EXPORTER_FILE_PATH.parse(" "));
  }

  @Test
  void stringListIsTrimmedAndDropsEmptyItems() {
    assertEquals(Arrays.asList("A", "B c", "D"), ParleyKeys.USER_HEADERS.parse(" A, B c ,,D, "));
  }

  @Test
  void emptyStringListIsAnEmptyList() {
    assertEquals(Collections.emptyList(), ParleyKeys.SESSION_COOKIES.parse(""));
  }

  @Test
  void booleanIgnoresLetterCase() {
    assertTrue(ParleyKeys.CAPTURE_CONTENT.parse("TRUE"));
    assertFalse(ParleyKeys.CAPTURE_CONTENT.parse(" False "));
  }

  @Test
  void booleanRejectsOtherWords() {
    for (String bad : new String[] {"yes", "1", "on", ""}) {
      assertThrows(IllegalArgumentException.class, () -> ParleyKeys.ENABLED.parse(bad), bad);
    }
  }

  @Test
  void integerHonoursItsMinimum() {
    assertEquals(1, ParleyKeys.SESSION_MAX.parse("1"));
    assertThrows(IllegalArgumentException.class, () -> ParleyKeys.SESSION_MAX.parse("0"));
    assertEquals("expected an integer >= 1", ParleyKeys.SESSION_MAX.expectation());
  }

  @Test
  void integerRejectsNonNumbers() {
    for (String bad : new String[] {"ten", "1.5", "", "99999999999"}) {
      assertThrows(IllegalArgumentException.class, () -> ParleyKeys.SESSION_MAX.parse(bad), bad);
    }
  }

  @Test
  void durationKeyParsesToDuration() {
    assertEquals(Duration.ofMinutes(10), ParleyKeys.SESSION_TIMEOUT.parse("10m"));
  }

  @Test
  void enumIsLowerCasedAndChecked() {
    assertEquals("off", ParleyKeys.SESSION_DERIVE.parse(" OFF "));
    assertThrows(IllegalArgumentException.class, () -> ParleyKeys.SESSION_DERIVE.parse("never"));
    assertEquals("expected one of user, off", ParleyKeys.SESSION_DERIVE.expectation());
  }

  @Test
  void enumListIsLowerCasedDedupedAndChecked() {
    assertEquals(Arrays.asList("langfuse", "otel"),
        ParleyKeys.DIALECTS.parse(" Langfuse, otel ,LANGFUSE,, "));
    assertEquals(Collections.emptyList(), ParleyKeys.DIALECTS.parse(""));
    assertThrows(IllegalArgumentException.class, () -> ParleyKeys.DIALECTS.parse("otel,phoenix"));
    assertEquals("expected a comma-separated list of otel, openinference, langfuse",
        ParleyKeys.DIALECTS.expectation());
    assertEquals("list of otel, openinference, langfuse", ParleyKeys.DIALECTS.typeLabel());
    assertEquals("otel", ParleyKeys.DIALECTS.format(ParleyKeys.DIALECTS.defaultValue()));
  }

  @Test
  void enumDefaultMustBeAccepted() {
    assertThrows(IllegalArgumentException.class,
        () -> ConfigKey.oneOf("parley.x", "maybe", "X.", "yes", "no"));
  }

  @Test
  void keyNamesMustBeLowerCaseUnderParley() {
    assertThrows(IllegalArgumentException.class, () -> ConfigKey.string("session.x", null, "X."));
    assertThrows(IllegalArgumentException.class, () -> ConfigKey.string("parley.Ab", null, "X."));
  }

  @Test
  void displayHidesSecretValues() {
    assertEquals("<hidden>", ParleyKeys.USER_HASH_KEY.display("s3cret"));
    assertEquals("(none)", ParleyKeys.USER_HASH_KEY.display(null));
  }

  @Test
  void formatWritesValuesAsTyped() {
    assertEquals("30m", ParleyKeys.SESSION_TIMEOUT.format(Duration.ofMinutes(30)));
    assertEquals("session_id,JSESSIONID",
        ParleyKeys.SESSION_COOKIES.format(ParleyKeys.SESSION_COOKIES.defaultValue()));
  }
}
