package io.parley.agent.session;

import static io.parley.agent.session.FakeRequest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookieSessionHashingTest {

  private static final String RAW = "F2A9C0DE77B14E8A9D3C5B6A7E8F9012";

  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();

  private IdentityResolver resolver(IdentitySettings settings) {
    return new IdentityResolver(settings, new ParleyLog(lines::add, clock::nanos), clock::millis);
  }

  @Test
  void cookieSessionIsTheIdHasherOutput() {
    RequestIdentity id =
        resolver(IdentitySettings.defaults()).resolve(request().withCookies("JSESSIONID=" + RAW));
    assertEquals(new IdHasher(null).hash(RAW), id.sessionId());
  }

  @Test
  void rawCookieValueIsNowhereInTheResult() {
    RequestIdentity id =
        resolver(IdentitySettings.defaults()).resolve(request().withCookies("JSESSIONID=" + RAW));
    assertFalse(id.toString().contains(RAW), id.toString());
    assertFalse(id.conversationId().contains(RAW));
  }

  @Test
  void cookieSessionUsesTheHashKey() {
    RequestIdentity id =
        resolver(IdentitySettings.builder().hashKey("secret").build())
            .resolve(request().withCookies("session_id=" + RAW));
    assertEquals(new IdHasher("secret").hash(RAW), id.sessionId());
  }

  @Test
  void cookieIsHashedEvenWhenUserHashingIsOff() {
    RequestIdentity id =
        resolver(IdentitySettings.builder().hashUsers(false).build())
            .resolve(request().withCookies("session_id=" + RAW).withHeader("X-User-Id", "bob"));
    assertEquals(new IdHasher(null).hash(RAW), id.sessionId());
    assertEquals("bob", id.userId());
  }

  @Test
  void quotedCookieIsHashedWithoutQuotes() {
    RequestIdentity id =
        resolver(IdentitySettings.defaults()).resolve(request().withCookies("session_id=\"abc\""));
    assertEquals(new IdHasher(null).hash("abc"), id.sessionId());
  }
}
