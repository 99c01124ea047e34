package io.parley.agent.session;

import static io.parley.agent.session.FakeRequest.request;
import static io.parley.agent.session.IdValidatorTest.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionValidationTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();
  private final IdentityResolver resolver =
      new IdentityResolver(
          IdentitySettings.defaults(), new ParleyLog(lines::add, clock::nanos), clock::millis);

  @Test
  void twoHundredOneCharHeaderIsRejectedAndNextHeaderUsed() {
    RequestIdentity id =
        resolver.resolve(
            request().withHeader("X-Session-Id", repeat('a', 201)).withHeader("Session-Id", "b"));
    assertEquals("b", id.sessionId());
    assertEquals(1, resolver.rejectedCount());
  }

  @Test
  void twoHundredCharHeaderIsAccepted() {
    String max = repeat('a', 200);
    RequestIdentity id =
        resolver.resolve(request().withHeader("X-Session-Id", max).withHeader("Session-Id", "b"));
    assertEquals(max, id.sessionId());
    assertEquals(0, resolver.rejectedCount());
  }

  @Test
  void nonAsciiHeaderIsRejectedAndBaggageUsed() {
    RequestIdentity id =
        resolver.resolve(
            request().withHeader("X-Session-Id", "s\u00e9ance").withBaggage("session.id", "bag"));
    assertEquals("bag", id.sessionId());
    assertEquals(1, resolver.rejections().count(IdSourceKind.SESSION_HEADER));
  }

  @Test
  void controlCharacterBaggageIsRejectedAndCookieUsed() {
    RequestIdentity id =
        resolver.resolve(
            request().withBaggage("session.id", "a\u0007b").withCookies("session_id=c"));
    assertEquals(new IdHasher(null).hash("c"), id.sessionId());
    assertEquals(SessionSource.COOKIE, id.sessionSource());
    assertEquals(1, resolver.rejections().count(IdSourceKind.SESSION_BAGGAGE));
  }

  @Test
  void spaceInCookieIsRejectedAndNextCookieUsed() {
    RequestIdentity id =
        resolver.resolve(request().withCookies("session_id=\"a b\"; JSESSIONID=j"));
    assertEquals(new IdHasher(null).hash("j"), id.sessionId());
    assertEquals(1, resolver.rejections().count(IdSourceKind.SESSION_COOKIE));
  }

  @Test
  void emptyHeaderIsRejectedAndNextHeaderUsed() {
    RequestIdentity id =
        resolver.resolve(request().withHeader("X-Session-Id", "").withHeader("Session-Id", "b"));
    assertEquals("b", id.sessionId());
    assertEquals(1, resolver.rejectedCount());
  }

  @Test
  void invalidLastSourceFallsThroughToDerived() {
    RequestIdentity id =
        resolver.resolve(request().withCookies("session_id=").withHeader("X-User-Id", "alice"));
    assertEquals(SessionSource.DERIVED, id.sessionSource());
    assertEquals(1, resolver.rejectedCount());
  }

  @Test
  void laterSourcesAreNotReadOnceOneIsValid() {
    resolver.resolve(
        request().withHeader("X-Session-Id", "ok").withHeader("Session-Id", repeat('a', 300)));
    assertEquals(0, resolver.rejectedCount());
  }

  @Test
  void rejectionsAreCountedAcrossRequests() {
    for (int i = 0; i < 3; i++) {
      resolver.resolve(request().withHeader("X-Session-Id", " "));
    }
    assertEquals(3, resolver.rejectedCount());
    assertEquals(3, resolver.rejections().count(IdSourceKind.SESSION_HEADER));
    assertEquals(0, resolver.rejections().count(IdSourceKind.SESSION_BAGGAGE));
  }
}
