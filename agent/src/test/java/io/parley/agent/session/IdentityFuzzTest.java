package io.parley.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.log.ParleyLog;
import io.parley.agent.testing.RandomIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the identity resolver (SPEC §3, §7): tens of thousands of requests whose
 * session, user, conversation and turn headers, baggage entries, cookies and principal are random
 * strings (control characters, lone surrogates, huge lengths, near-valid ids). It never throws,
 * everything it records has the shape the contract promises, a cookie value or raw user id never
 * comes out, a rejected value never reaches the log, and what it remembers stays bounded.
 */
class IdentityFuzzTest {

  private static final long SEED = 31_337L;
  private static final int REQUESTS = 25_000;
  private static final Pattern VALID_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern DERIVED = Pattern.compile("parley-[0-9a-f]{16}");

  private static long casesRun;
  private static long valuesTried;

  @AfterAll
  static void counts() {
    System.out.printf("[hardening] IdentityFuzzTest: %,d requests, %,d random id values, seed %d%n", casesRun, valuesTried, SEED);
  }

  @Test
  void randomIdsNeverThrowAndOnlyWellShapedIdsComeOut() {
    Random random = new Random(SEED);
    List<String> log = new ArrayList<>();
    IdentitySettings settings =
        IdentitySettings.builder().sessionTimeout(Duration.ofMinutes(30)).maxDerivedSessions(500).build();
    long[] clock = {0};
    // the derived-session clock moves (sessions time out); the log's does not (one line per kind)
    IdentityResolver resolver = new IdentityResolver(settings, new ParleyLog(log::add, () -> 0L), () -> clock[0]);
    List<String> rejectedLongValues = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      FakeRequest request = FakeRequest.request();
      String cookieValue = null;
      String rawUser = null;
      for (String header : new String[] {"X-Session-Id", "Session-Id", "Helicone-Session-Id", "X-User-Id", "X-Conversation-Id", "X-Turn-Number"}) {
        if (random.nextInt(3) == 0) {
          String value = value(random);
          request.withHeader(header, value);
          valuesTried++;
          if (header.equals("X-User-Id")) {
            rawUser = value;
          }
          if (!IdValidator.isValid(value) && value.length() >= 12 && !header.equals("X-Turn-Number")) {
            rejectedLongValues.add(value);
          }
        }
      }
      for (String key : new String[] {"session.id", "langfuse_session_id", "user.id", "langfuse_user_id"}) {
        if (random.nextInt(4) == 0) {
          request.withBaggage(key, value(random));
          valuesTried++;
        }
      }
      if (random.nextInt(3) == 0) {
        cookieValue = value(random);
        request.withCookies(random.nextBoolean() ? "session_id=" + cookieValue : "a=b; JSESSIONID=" + cookieValue + ";;");
        valuesTried++;
      }
      if (random.nextInt(4) == 0) {
        request.withPrincipal(random.nextInt(10) == 0 ? repeat('p', 2000) : value(random));
        valuesTried++;
      }
      clock[0] += random.nextInt(1000);

      RequestIdentity identity = resolver.resolve(request);
      casesRun++;

      assertNotNull(identity);
      String session = identity.sessionId();
      if (session != null) {
        switch (identity.sessionSource()) {
          case COOKIE:
            assertTrue(HASH.matcher(session).matches(), "cookie session " + session);
            break;
          case DERIVED:
            assertTrue(DERIVED.matcher(session).matches(), "derived session " + session);
            break;
          default:
            assertTrue(VALID_ID.matcher(session).matches(), "session " + printable(session));
        }
        if (cookieValue != null && cookieValue.length() >= 4) {
          assertFalse(session.contains(cookieValue) && identity.sessionSource() == SessionSource.COOKIE, "raw cookie as session");
        }
      }
      if (identity.userId() != null) {
        assertTrue(HASH.matcher(identity.userId()).matches(), "user " + printable(identity.userId()));
        assertFalse(identity.userId().equals(rawUser), "a raw user id came out");
      }
      String conversation = identity.conversationId();
      assertTrue(conversation == null || VALID_ID.matcher(conversation).matches() || HASH.matcher(conversation).matches(),
          "conversation " + (conversation == null ? null : printable(conversation)));
      Long turn = identity.turnOverride();
      assertTrue(turn == null || (turn >= 1 && turn <= IdentityResolver.MAX_TURN), "turn " + turn);
    }
    assertTrue(resolver.derivedSessionCount() <= 500, "derived sessions remembered: " + resolver.derivedSessionCount());
    assertTrue(resolver.rejectedCount() > 0, "the fuzzing did produce invalid ids");
    String allLog = String.join("\n", log);
    for (String rejected : rejectedLongValues) {
      assertFalse(allLog.contains(rejected), "a rejected value was logged: " + printable(rejected));
    }
    assertTrue(log.size() < 50, "rejections are logged at most once a minute per kind, got " + log.size() + " lines");
  }

  @Test
  void cookieHeaderParsingSurvivesRandomHeaders() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < 10_000; i++) {
      String header = value(random) + (random.nextBoolean() ? ";" : "") + value(random);
      String name = random.nextInt(5) == 0 ? "" : random.nextBoolean() ? "session_id" : value(random);
      String value = CookieHeader.value(header, name);
      assertTrue(value == null || header.contains(value), "a cookie value is a piece of the header");
      valuesTried++;
      casesRun++;
    }
    assertEquals(null, CookieHeader.value(null, "x"));
    assertEquals(null, CookieHeader.value("x=1", null));
  }

  private static String value(Random random) {
    return RandomIds.value(random);
  }

  private static String repeat(char c, int n) {
    return RandomIds.repeat(c, n);
  }

  private static String printable(String value) {
    String cut = value.length() > 80 ? value.substring(0, 80) + "...(" + value.length() + ")" : value;
    StringBuilder out = new StringBuilder();
    for (char c : cut.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }
}
