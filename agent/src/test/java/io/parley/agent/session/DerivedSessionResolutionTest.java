package io.parley.agent.session;

import static io.parley.agent.session.FakeRequest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.agent.log.ParleyLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DerivedSessionResolutionTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();

  private IdentityResolver resolver(IdentitySettings settings) {
    return new IdentityResolver(settings, new ParleyLog(lines::add, clock::nanos), clock::millis);
  }

  private final IdentityResolver resolver = resolver(IdentitySettings.defaults());

  private RequestIdentity alice() {
    return resolver.resolve(request().withHeader("X-User-Id", "alice"));
  }

  @Test
  void stableWithinTheTimeout() {
    String first = alice().sessionId();
    clock.advance(TIMEOUT.minusMillis(1));
    RequestIdentity again = alice();
    assertEquals(first, again.sessionId());
    assertNull(again.previousSessionId());
  }

  @Test
  void activityKeepsTheSessionAlive() {
    String first = alice().sessionId();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertEquals(first, alice().sessionId());
    }
  }

  @Test
  void rotatesAfterTheTimeoutNamingThePreviousSession() {
    String first = alice().sessionId();
    clock.advance(TIMEOUT);
    RequestIdentity resumed = alice();
    assertNotEquals(first, resumed.sessionId());
    assertEquals(first, resumed.previousSessionId());
    assertEquals(SessionSource.DERIVED, resumed.sessionSource());
  }

  @Test
  void previousSessionIsNamedOnlyOnTheFirstRequestOfTheNewSession() {
    alice();
    clock.advance(TIMEOUT);
    String second = alice().sessionId();
    RequestIdentity next = alice();
    assertEquals(second, next.sessionId());
    assertNull(next.previousSessionId());
  }

  @Test
  void differentUsersGetDifferentSessions() {
    assertNotEquals(
        alice().sessionId(), resolver.resolve(request().withPrincipal("bob")).sessionId());
  }

  @Test
  void sameUserFromAnySourceGetsTheSameSession() {
    String fromHeader = alice().sessionId();
    assertEquals(fromHeader, resolver.resolve(request().withPrincipal("alice")).sessionId());
  }

  @Test
  void derivedWorksWhenUsersAreRecordedAsSent() {
    IdentityResolver plain = resolver(IdentitySettings.builder().hashUsers(false).build());
    RequestIdentity a = plain.resolve(request().withHeader("X-User-Id", "alice"));
    RequestIdentity b = plain.resolve(request().withHeader("X-User-Id", "alice"));
    assertEquals(SessionSource.DERIVED, a.sessionSource());
    assertEquals(a.sessionId(), b.sessionId());
  }

  @Test
  void explicitClientSessionIsNeverChanged() {
    FakeRequest sent =
        request().withHeader("X-Session-Id", "client-1").withHeader("X-User-Id", "a");
    resolver.resolve(sent);
    clock.advance(Duration.ofHours(5));
    RequestIdentity later = resolver.resolve(sent);
    assertEquals("client-1", later.sessionId());
    assertNull(later.previousSessionId());
    assertEquals(0, resolver.derivedSessionCount());
  }

  @Test
  void noSessionWhenDerivingIsOffAndNothingIsSent() {
    IdentityResolver off = resolver(IdentitySettings.builder().deriveFromUser(false).build());
    RequestIdentity id = off.resolve(request().withHeader("X-User-Id", "alice"));
    assertNull(id.sessionId());
    assertEquals(SessionSource.NONE, id.sessionSource());
    assertEquals(new IdHasher(null).hash("alice"), id.userId());
  }

  @Test
  void derivedTimeoutComesFromTheSettings() {
    IdentityResolver quick =
        resolver(IdentitySettings.builder().sessionTimeout(Duration.ofMinutes(1)).build());
    String first = quick.resolve(request().withPrincipal("p")).sessionId();
    clock.advance(Duration.ofMinutes(1));
    assertEquals(first, quick.resolve(request().withPrincipal("p")).previousSessionId());
  }
}
