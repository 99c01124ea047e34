package io.parley.agent.session;

import static io.parley.agent.session.FakeRequest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionResolutionOrderTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();
  private final IdentityResolver resolver =
      new IdentityResolver(
          IdentitySettings.defaults(), new ParleyLog(lines::add, clock::nanos), clock::millis);

  private static String hashed(String raw) {
    return new IdHasher(null).hash(raw);
  }

  private static FakeRequest everySource() {
    return request()
        .withHeader("X-Session-Id", "from-header")
        .withBaggage("session.id", "from-baggage")
        .withCookies("session_id=from-cookie")
        .withHeader("X-User-Id", "alice");
  }

  @Test
  void headerBeatsBaggage() {
    RequestIdentity id = resolver.resolve(everySource());
    assertEquals("from-header", id.sessionId());
    assertEquals(SessionSource.HEADER, id.sessionSource());
  }

  @Test
  void baggageBeatsCookie() {
    RequestIdentity id = resolver.resolve(everySource().withHeader("X-Session-Id", null));
    assertEquals("from-baggage", id.sessionId());
    assertEquals(SessionSource.BAGGAGE, id.sessionSource());
  }

  @Test
  void cookieBeatsDerived() {
    RequestIdentity id =
        resolver.resolve(
            everySource().withHeader("X-Session-Id", null).withBaggage("session.id", null));
    assertEquals(hashed("from-cookie"), id.sessionId());
    assertEquals(SessionSource.COOKIE, id.sessionSource());
  }

  @Test
  void derivedWhenOnlyAUserIsKnown() {
    RequestIdentity id = resolver.resolve(request().withHeader("X-User-Id", "alice"));
    assertEquals(SessionSource.DERIVED, id.sessionSource());
    assertTrue(id.sessionId().startsWith("parley-"), id.sessionId());
  }

  @Test
  void noSessionWhenNothingIsSent() {
    RequestIdentity id = resolver.resolve(request());
    assertNull(id.sessionId());
    assertEquals(SessionSource.NONE, id.sessionSource());
    assertNull(id.userId());
    assertNull(id.conversationId());
  }

  @Test
  void xSessionIdBeatsSessionId() {
    RequestIdentity id =
        resolver.resolve(request().withHeader("Session-Id", "b").withHeader("X-Session-Id", "a"));
    assertEquals("a", id.sessionId());
  }

  @Test
  void sessionIdBeatsHeliconeSessionId() {
    RequestIdentity id =
        resolver.resolve(
            request().withHeader("Helicone-Session-Id", "c").withHeader("Session-Id", "b"));
    assertEquals("b", id.sessionId());
  }

  @Test
  void heliconeSessionIdIsTheLastHeader() {
    RequestIdentity id = resolver.resolve(request().withHeader("Helicone-Session-Id", "c"));
    assertEquals("c", id.sessionId());
    assertEquals(SessionSource.HEADER, id.sessionSource());
  }

  @Test
  void sessionIdBaggageBeatsLangfuseSessionId() {
    RequestIdentity id =
        resolver.resolve(
            request().withBaggage("langfuse_session_id", "lf").withBaggage("session.id", "otel"));
    assertEquals("otel", id.sessionId());
  }

  @Test
  void langfuseSessionIdBaggageIsUsed() {
    RequestIdentity id = resolver.resolve(request().withBaggage("langfuse_session_id", "lf"));
    assertEquals("lf", id.sessionId());
    assertEquals(SessionSource.BAGGAGE, id.sessionSource());
  }

  @Test
  void sessionIdCookieBeatsJsessionid() {
    RequestIdentity id = resolver.resolve(request().withCookies("JSESSIONID=j; session_id=s"));
    assertEquals(hashed("s"), id.sessionId());
  }

  @Test
  void jsessionidCookieIsUsed() {
    RequestIdentity id = resolver.resolve(request().withCookies("other=1; JSESSIONID=j"));
    assertEquals(hashed("j"), id.sessionId());
    assertEquals(SessionSource.COOKIE, id.sessionSource());
  }

  @Test
  void headerSessionIsRecordedAsSent() {
    RequestIdentity id = resolver.resolve(request().withHeader("X-Session-Id", "Conv-42_x"));
    assertEquals("Conv-42_x", id.sessionId());
  }

  @Test
  void configuredHeaderNamesReplaceTheDefaults() {
    IdentityResolver custom =
        new IdentityResolver(
            IdentitySettings.builder()
                .sessionHeaders(java.util.Collections.singletonList("X-Chat"))
                .build(),
            new ParleyLog(lines::add, clock::nanos),
            clock::millis);
    RequestIdentity id =
        custom.resolve(request().withHeader("X-Session-Id", "a").withHeader("X-Chat", "chat"));
    assertEquals("chat", id.sessionId());
  }
}
