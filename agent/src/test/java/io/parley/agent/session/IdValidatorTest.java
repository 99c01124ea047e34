package io.parley.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IdValidatorTest {

  static String repeat(char c, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(c);
    }
    return sb.toString();
  }

  @Test
  void acceptsTwoHundredCharacters() {
    assertNull(IdValidator.check(repeat('a', 200)));
  }

  @Test
  void rejectsTwoHundredAndOneCharacters() {
    assertEquals(IdRejection.TOO_LONG, IdValidator.check(repeat('a', 201)));
  }

  @Test
  void acceptsOneCharacter() {
    assertNull(IdValidator.check("x"));
  }

  @Test
  void rejectsEmpty() {
    assertEquals(IdRejection.EMPTY, IdValidator.check(""));
  }

  @Test
  void rejectsNullAsEmpty() {
    assertEquals(IdRejection.EMPTY, IdValidator.check(null));
  }

  @Test
  void acceptsWholePrintableRange() {
    StringBuilder all = new StringBuilder();
    for (char c = 0x21; c <= 0x7E; c++) {
      all.append(c);
    }
    assertNull(IdValidator.check(all.toString()));
  }

  @Test
  void rejectsNonAscii() {
    assertEquals(IdRejection.NOT_PRINTABLE_ASCII, IdValidator.check("caf\u00e9"));
  }

  @Test
  void rejectsControlCharacter() {
    assertEquals(IdRejection.NOT_PRINTABLE_ASCII, IdValidator.check("abc\ndef"));
  }

  @Test
  void rejectsDelete() {
    assertEquals(IdRejection.NOT_PRINTABLE_ASCII, IdValidator.check("abc\u007f"));
  }

  @Test
  void rejectsSpace() {
    assertEquals(IdRejection.NOT_PRINTABLE_ASCII, IdValidator.check("abc def"));
  }

  @Test
  void everyRejectionHasAHumanText() {
    for (IdRejection rejection : IdRejection.values()) {
      assertEquals(false, rejection.text().isEmpty(), rejection.name());
    }
  }
}
