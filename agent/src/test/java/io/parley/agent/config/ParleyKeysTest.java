package io.parley.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParleyKeysTest {

  @Test
  void allHoldsEveryDeclaredKey() throws IllegalAccessException {
    Set<Object> declared = new HashSet<>();
    for (Field field : ParleyKeys.class.getDeclaredFields()) {
      if (field.getType() == ConfigKey.class && Modifier.isPublic(field.getModifiers())) {
        declared.add(field.get(null));
      }
    }
    assertEquals(declared, new HashSet<Object>(ParleyKeys.ALL));
  }

  @Test
  void namesAreTheContractsInReadmeOrder() {
    List<String> names = new ArrayList<>();
    for (ConfigKey<?> key : ParleyKeys.ALL) {
      names.add(key.name());
    }
    assertEquals(
        Arrays.asList(
            "parley.enabled",
            "parley.config",
            "parley.session.headers",
            "parley.session.baggage.keys",
            "parley.session.cookies",
            "parley.session.derive",
            "parley.session.timeout",
            "parley.session.max",
            "parley.user.headers",
            "parley.user.baggage.keys",
            "parley.user.principal",
            "parley.user.hash",
            "parley.user.hash.key",
            "parley.conversation.header",
            "parley.turn.header",
            "parley.capture.content",
            "parley.llm.hosts",
            "parley.llm.paths",
            "parley.propagation.enabled",
            "parley.propagation.to.llm.hosts",
            "parley.dialects",
            "parley.exporter.file.path",
            "parley.instrumentations.disabled",
            "parley.log.level"),
        names);
  }

  @Test
  void defaultsAreTheContracts() {
    ParleyConfig defaults = ParleyConfig.defaults();
    assertEquals(true, defaults.get(ParleyKeys.ENABLED));
    assertNull(defaults.get(ParleyKeys.CONFIG));
    assertEquals(Arrays.asList("X-Session-Id", "Session-Id", "Helicone-Session-Id"),
        defaults.get(ParleyKeys.SESSION_HEADERS));
    assertEquals(Arrays.asList("session.id", "langfuse_session_id"),
        defaults.get(ParleyKeys.SESSION_BAGGAGE_KEYS));
    assertEquals(Arrays.asList("session_id", "JSESSIONID"),
        defaults.get(ParleyKeys.SESSION_COOKIES));
    assertEquals("user", defaults.get(ParleyKeys.SESSION_DERIVE));
    assertEquals(Duration.ofMinutes(30), defaults.get(ParleyKeys.SESSION_TIMEOUT));
    assertEquals(10000, defaults.get(ParleyKeys.SESSION_MAX));
    assertEquals(Arrays.asList("X-User-Id"), defaults.get(ParleyKeys.USER_HEADERS));
    assertEquals(Arrays.asList("user.id", "langfuse_user_id"),
        defaults.get(ParleyKeys.USER_BAGGAGE_KEYS));
    assertEquals(true, defaults.get(ParleyKeys.USER_PRINCIPAL));
    assertEquals("sha256", defaults.get(ParleyKeys.USER_HASH));
    assertNull(defaults.get(ParleyKeys.USER_HASH_KEY));
    assertEquals("X-Conversation-Id", defaults.get(ParleyKeys.CONVERSATION_HEADER));
    assertEquals("X-Turn-Number", defaults.get(ParleyKeys.TURN_HEADER));
    assertEquals(false, defaults.get(ParleyKeys.CAPTURE_CONTENT));
    assertEquals(true, defaults.get(ParleyKeys.PROPAGATION_ENABLED));
    assertEquals(false, defaults.get(ParleyKeys.PROPAGATION_TO_LLM_HOSTS));
    assertEquals(Arrays.asList("otel"), defaults.get(ParleyKeys.DIALECTS));
    assertEquals("parley-spans.jsonl", defaults.get(ParleyKeys.EXPORTER_FILE_PATH));
    assertEquals("info", defaults.get(ParleyKeys.LOG_LEVEL));
  }

  @Test
  void onlyTheHashKeyIsSecret() {
    for (ConfigKey<?> key : ParleyKeys.ALL) {
      assertEquals(key == ParleyKeys.USER_HASH_KEY, key.isSecret(), key.name());
    }
  }

  @Test
  void everyKeyHasOneSentenceOfDescription() {
    for (ConfigKey<?> key : ParleyKeys.ALL) {
      String description = key.description();
      assertTrue(description.endsWith(".") && description.indexOf(". ") < 0, key.name());
    }
  }
}
