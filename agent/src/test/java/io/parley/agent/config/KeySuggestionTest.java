package io.parley.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionTest {

  private static final List<String> KEYS =
      Arrays.asList("parley.user.hash", "parley.user.hash.key", "parley.session.timeout");

  @Test
  void distanceCountsEdits() {
    assertEquals(0, KeySuggestion.distance("abc", "abc"));
    assertEquals(1, KeySuggestion.distance("sesion", "session"));
    assertEquals(2, KeySuggestion.distance("kye", "key"));
    assertEquals(3, KeySuggestion.distance("", "abc"));
  }

  @Test
  void suggestsTheClosestKey() {
    assertEquals("parley.user.hash.key",
        KeySuggestion.closest("parley.user.hash.kee", KEYS, "parley."));
    assertEquals("parley.user.hash", KeySuggestion.closest("parley.user.hsh", KEYS, "parley."));
  }

  @Test
  void ignoresLetterCase() {
    assertEquals("parley.session.timeout",
        KeySuggestion.closest("parley.Session.Timeout", KEYS, "parley."));
  }

  @Test
  void suggestsNothingWhenNothingIsClose() {
    assertNull(KeySuggestion.closest("parley.frobnicate", KEYS, "parley."));
    assertNull(KeySuggestion.closest("parley.x", KEYS, "parley."));
  }
}
