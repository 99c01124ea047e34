package io.parley.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentitySettingsTest {

  @Test
  void defaultsFollowTheSpec() {
    IdentitySettings s = IdentitySettings.defaults();
    assertEquals(
        Arrays.asList("X-Session-Id", "Session-Id", "Helicone-Session-Id"), s.sessionHeaders());
    assertEquals(Arrays.asList("session.id", "langfuse_session_id"), s.sessionBaggageKeys());
    assertEquals(Arrays.asList("session_id", "JSESSIONID"), s.sessionCookieNames());
    assertTrue(s.deriveFromUser());
    assertEquals(Duration.ofMinutes(30), s.sessionTimeout());
    assertEquals(10_000, s.maxDerivedSessions());
    assertEquals(Arrays.asList("X-User-Id"), s.userHeaders());
    assertEquals(Arrays.asList("user.id", "langfuse_user_id"), s.userBaggageKeys());
    assertTrue(s.usePrincipal());
    assertTrue(s.hashUsers());
    assertNull(s.hashKey());
    assertEquals("X-Conversation-Id", s.conversationHeader());
    assertEquals("X-Turn-Number", s.turnHeader());
  }

  @Test
  void builderCopiesLists() {
    List<String> names = new ArrayList<>(Arrays.asList("A"));
    IdentitySettings s = IdentitySettings.builder().sessionHeaders(names).build();
    names.add("B");
    assertEquals(Arrays.asList("A"), s.sessionHeaders());
    assertThrows(UnsupportedOperationException.class, () -> s.sessionHeaders().add("C"));
  }

  @Test
  void toBuilderKeepsValues() {
    IdentitySettings s =
        IdentitySettings.builder().hashUsers(false).hashKey("k").build().toBuilder().build();
    assertFalse(s.hashUsers());
    assertEquals("k", s.hashKey());
  }

  @Test
  void rejectsNonPositiveTimeout() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IdentitySettings.builder().sessionTimeout(Duration.ZERO));
  }

  @Test
  void rejectsMaxBelowOne() {
    assertThrows(
        IllegalArgumentException.class, () -> IdentitySettings.builder().maxDerivedSessions(0));
  }

  @Test
  void rejectsEmptyName() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IdentitySettings.builder().userHeaders(Arrays.asList("X-User-Id", "")));
  }

  @Test
  void emptyHashKeyMeansNone() {
    assertNull(IdentitySettings.builder().hashKey("").build().hashKey());
  }
}
