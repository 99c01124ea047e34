package io.parley.agent.session;

import static io.parley.agent.session.FakeRequest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.log.ParleyLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionLoggingTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();
  private final IdentityResolver resolver =
      new IdentityResolver(
          IdentitySettings.defaults(), new ParleyLog(lines::add, clock::nanos), clock::millis);

  @Test
  void logLineNamesSourceReasonAndCount() {
    resolver.resolve(request().withHeader("X-Session-Id", "tok en"));
    assertEquals(1, lines.size());
    String line = lines.get(0);
    assertTrue(line.contains("header X-Session-Id"), line);
    assertTrue(line.contains(IdRejection.NOT_PRINTABLE_ASCII.text()), line);
    assertTrue(line.contains("(1 "), line);
  }

  @Test
  void logLineNeverContainsTheRejectedValue() {
    resolver.resolve(request().withHeader("X-Session-Id", "Bearer sk-live-123"));
    assertFalse(lines.get(0).contains("sk-live-123"), lines.get(0));
  }

  @Test
  void cookieLogLineNeverContainsTheCookieValue() {
    resolver.resolve(request().withCookies("session_id=s3cr\u00e9t-cookie"));
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).contains("cookie session_id"), lines.get(0));
    assertFalse(lines.get(0).contains("s3cr"), lines.get(0));
  }

  @Test
  void tooLongValueIsNotLogged() {
    String secret = IdValidatorTest.repeat('k', 201);
    resolver.resolve(request().withBaggage("session.id", secret));
    assertFalse(lines.get(0).contains("kkkkkkkk"), lines.get(0));
    assertTrue(lines.get(0).contains("baggage session.id"), lines.get(0));
  }

  @Test
  void loggedAtMostOncePerMinutePerKind() {
    resolver.resolve(request().withHeader("X-Session-Id", " "));
    clock.advance(Duration.ofSeconds(59));
    resolver.resolve(request().withHeader("X-Session-Id", " "));
    assertEquals(1, lines.size());
    clock.advance(Duration.ofSeconds(1));
    resolver.resolve(request().withHeader("X-Session-Id", " "));
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).contains("(3 "), lines.get(1));
  }

  @Test
  void eachKindHasItsOwnRateLimit() {
    resolver.resolve(
        request()
            .withHeader("X-Session-Id", " ")
            .withBaggage("session.id", " ")
            .withHeader("X-User-Id", " "));
    assertEquals(3, lines.size());
  }

  @Test
  void principalLogLineNamesThePrincipal() {
    resolver.resolve(request().withPrincipal(""));
    assertTrue(lines.get(0).contains("from principal"), lines.get(0));
    assertTrue(lines.get(0).contains("empty"), lines.get(0));
  }
}
