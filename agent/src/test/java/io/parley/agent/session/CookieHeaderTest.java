package io.parley.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CookieHeaderTest {

  @Test
  void findsACookieAmongOthers() {
    assertEquals("xyz", CookieHeader.value("a=1; session_id=xyz; b=2", "session_id"));
  }

  @Test
  void findsTheFirstAndLastCookie() {
    assertEquals("1", CookieHeader.value("a=1; b=2", "a"));
    assertEquals("2", CookieHeader.value("a=1; b=2", "b"));
  }

  @Test
  void absentCookieIsNull() {
    assertNull(CookieHeader.value("a=1; b=2", "session_id"));
  }

  @Test
  void nullOrEmptyHeaderIsNull() {
    assertNull(CookieHeader.value(null, "a"));
    assertNull(CookieHeader.value("", "a"));
  }

  @Test
  void toleratesOddSpacing() {
    assertEquals("xyz", CookieHeader.value("a=1 ;session_id = xyz\t;b=2", "session_id"));
    assertEquals("xyz", CookieHeader.value("  session_id=xyz  ", "session_id"));
  }

  @Test
  void stripsDoubleQuotes() {
    assertEquals("q", CookieHeader.value("a=1; b=\"q\"", "b"));
  }

  @Test
  void keepsALoneQuote() {
    assertEquals("\"", CookieHeader.value("b=\"", "b"));
  }

  @Test
  void skipsItemsWithoutEquals() {
    assertEquals("2", CookieHeader.value("flag; session_id; b=2", "b"));
    assertNull(CookieHeader.value("session_id; b=2", "session_id"));
  }

  @Test
  void firstDuplicateWins() {
    assertEquals("first", CookieHeader.value("s=first; s=second", "s"));
  }

  @Test
  void doesNotMatchANameThatOnlyContainsTheName() {
    assertNull(CookieHeader.value("xsession_id=1; session_idx=2", "session_id"));
  }

  @Test
  void namesAreCaseSensitive() {
    assertNull(CookieHeader.value("JSESSIONID=1", "jsessionid"));
  }

  @Test
  void keepsEqualsSignsInTheValue() {
    assertEquals("b=c==", CookieHeader.value("a=b=c==", "a"));
  }

  @Test
  void emptyValueIsEmptyNotNull() {
    assertEquals("", CookieHeader.value("a=; b=2", "a"));
  }

  @Test
  void toleratesEmptyItems() {
    assertEquals("2", CookieHeader.value(";; ;b=2;", "b"));
  }
}
