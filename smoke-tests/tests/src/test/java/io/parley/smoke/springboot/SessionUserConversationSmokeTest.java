package io.parley.smoke.springboot;

import static io.parley.smoke.SpanContract.CONVERSATION_ID;
import static io.parley.smoke.SpanContract.HASHED_ID;
import static io.parley.smoke.SpanContract.SESSION_ID;
import static io.parley.smoke.SpanContract.URL_PATH;
import static io.parley.smoke.SpanContract.USER_ID;
import static io.parley.smoke.SpanContract.sha256Prefix;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.ReceivedSpan;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §3 end to end: session, user and conversation ids resolved from real requests to a Spring
 * Boot 3 application and recorded on its server span. Header values the JDK client refuses
 * (non-ASCII, control characters) go over a raw socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class SessionUserConversationSmokeTest {

  private static final String HEADER_SESSION = "sess-from-x-header";
  // credentials: must never be exported or logged
  private static final String COOKIE_SECRET = "s3cr3t-" + UUID.randomUUID();
  private static final String JSESSIONID_SECRET = "JS" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.com";
  private static final String FRANK = "frank@example.com";

  private InstrumentedApp app;

  @BeforeAll
  void launch() {
    app =
        InstrumentedApp.launch(
            AgentJvm.app("smoke-sessions-spring-boot-3", SmokeEnvironment.springBoot3Jar())
                .appArgs(port -> List.of("--server.port=" + port)));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  // ---- sources, in order of precedence ----

  @Test
  void sessionIdFromXSessionIdHeader() {
    assertEquals(HEADER_SESSION, sessionOf("/items/s-x-header", "X-Session-Id", HEADER_SESSION));
  }

  @Test
  void sessionIdFromSessionIdHeader() {
    assertEquals("sess-plain-header", sessionOf("/items/s-plain-header", "Session-Id", "sess-plain-header"));
  }

  @Test
  void sessionIdFromHeliconeSessionIdHeader() {
    assertEquals("sess-helicone", sessionOf("/items/s-helicone", "Helicone-Session-Id", "sess-helicone"));
  }

  @Test
  void sessionIdFromW3cBaggage() {
    assertEquals("abc123", sessionOf("/items/s-baggage", "baggage", "session.id=abc123"));
  }

  @Test
  void sessionIdFromLangfuseBaggageEntry() {
    assertEquals("lf-77", sessionOf("/items/s-langfuse", "baggage", "other=1,langfuse_session_id=lf-77"));
  }

  @Test
  void sessionHeaderTakesPrecedenceOverBaggageAndCookie() {
    assertEquals(
        "sess-header-wins",
        sessionOf(
            "/items/s-precedence-header",
            "X-Session-Id", "sess-header-wins",
            "baggage", "session.id=sess-baggage-loses",
            "Cookie", "session_id=cookie-loses-" + UUID.randomUUID()));
  }

  @Test
  void baggageTakesPrecedenceOverCookie() {
    assertEquals(
        "sess-baggage-wins",
        sessionOf(
            "/items/s-precedence-baggage",
            "baggage", "session.id=sess-baggage-wins",
            "Cookie", "session_id=cookie-loses-" + UUID.randomUUID()));
  }

  @Test
  void cookieSessionIdIsRecordedHashedAndNeverExportedRaw() {
    String sessionId = sessionOf("/items/s-cookie", "Cookie", "theme=dark; session_id=" + COOKIE_SECRET);

    assertNotNull(sessionId, "no session.id recorded from the session_id cookie");
    assertTrue(HASHED_ID.matcher(sessionId).matches(), "not 16 lower-case hex chars: " + sessionId);
    assertFalse(app.telemetry().rawBytesContain(COOKIE_SECRET), "raw cookie value found in the exported bytes");
    assertFalse(outputContains(COOKIE_SECRET), "raw cookie value found in the application's stdout/stderr");
  }

  @Test
  void cookieSessionIdIsFirst16HexOfSha256ByDefault() {
    assertEquals(
        sha256Prefix(COOKIE_SECRET),
        sessionOf("/items/s-cookie-sha", "Cookie", "session_id=" + COOKIE_SECRET));
  }

  @Test
  void jsessionidCookieIsRecordedHashed() {
    String sessionId = sessionOf("/items/s-jsessionid", "Cookie", "JSESSIONID=" + JSESSIONID_SECRET);

    assertNotNull(sessionId, "no session.id recorded from the JSESSIONID cookie");
    assertTrue(HASHED_ID.matcher(sessionId).matches(), "not 16 lower-case hex chars: " + sessionId);
    assertFalse(app.telemetry().rawBytesContain(JSESSIONID_SECRET), "raw JSESSIONID found in the exported bytes");
  }

  @Test
  void sessionIsDerivedFromTheUserWhenNoneIsSent() {
    String first = sessionOf("/items/d-first", "X-User-Id", FRANK);
    String second = sessionOf("/items/d-second", "X-User-Id", FRANK);

    assertNotNull(first, "no session.id derived from the user");
    assertTrue(first.matches("[\\x21-\\x7e]{1,200}"), "derived id is not a valid session id: " + first);
    assertEquals(first, second, "the same user's next request got another derived session");
    assertFalse(first.contains(FRANK), "derived session id contains the raw user id: " + first);
  }

  // ---- invalid ids are rejected and the next source is used ----

  @Test
  void sessionIdOf201CharactersIsRejectedAndNextSourceUsed() {
    assertEquals("good-after-201", rawSessionOf("/items/r-201", "X-Session-Id: " + "a".repeat(201), "Session-Id: good-after-201"));
  }

  @Test
  void sessionIdOf200CharactersIsAccepted() {
    String longest = "b".repeat(200);
    assertEquals(longest, rawSessionOf("/items/r-200", "X-Session-Id: " + longest, "Session-Id: not-this-one"));
  }

  @Test
  void nonAsciiSessionIdIsRejectedAndNextSourceUsed() {
    // raw UTF-8 bytes on the wire; the JDK client would refuse them
    assertEquals("good-after-non-ascii", rawSessionOf("/items/r-non-ascii", "X-Session-Id: séance-42", "Session-Id: good-after-non-ascii"));
  }

  @Test
  void sessionIdWithControlCharacterIsRejectedAndNextSourceUsed() {
    // a TAB: the one control character Tomcat and Jetty let through in a header value (\u0001 gets 400)
    assertEquals("good-after-control", rawSessionOf("/items/r-control", "X-Session-Id: abc\tdef", "Session-Id: good-after-control"));
  }

  @Test
  void sessionIdWithSpaceIsRejectedAndNextSourceUsed() {
    assertEquals("good-after-space", rawSessionOf("/items/r-space", "X-Session-Id: abc def", "Session-Id: good-after-space"));
  }

  @Test
  void emptySessionIdIsRejectedAndNextSourceUsed() {
    assertEquals("good-after-empty", rawSessionOf("/items/r-empty", "X-Session-Id: ", "Session-Id: good-after-empty"));
  }

  @Test
  void rejectedHeaderFallsThroughToBaggage() {
    assertEquals(
        "good-from-baggage",
        rawSessionOf("/items/r-to-baggage", "X-Session-Id: " + "c".repeat(201), "baggage: session.id=good-from-baggage"));
  }

  // ---- user ----

  @Test
  void userIdIsHashedTo16HexAndNeverExportedRaw() {
    ReceivedSpan span = spanOf("/items/u-alice", "X-Session-Id", "sess-alice", "X-User-Id", ALICE);

    String userId = span.string(USER_ID);
    assertNotNull(userId, "no user.id on the server span: " + span);
    assertTrue(HASHED_ID.matcher(userId).matches(), "not 16 lower-case hex chars: " + userId);
    assertFalse(app.telemetry().rawBytesContain(ALICE), "raw user id found in the exported bytes");
  }

  @Test
  void userIdIsFirst16HexOfSha256ByDefault() {
    ReceivedSpan span = spanOf("/items/u-alice-sha", "X-Session-Id", "sess-alice-sha", "X-User-Id", ALICE);
    assertEquals(sha256Prefix(ALICE), span.string(USER_ID), () -> "span: " + span);
  }

  @Test
  void userIdFromBaggageIsHashed() {
    ReceivedSpan span = spanOf("/items/u-bob", "X-Session-Id", "sess-bob", "baggage", "user.id=" + BOB);
    assertEquals(sha256Prefix(BOB), span.string(USER_ID), () -> "span: " + span);
  }

  // ---- conversation ----

  @Test
  void conversationIdFromHeader() {
    ReceivedSpan span = spanOf("/items/c-header", "X-Session-Id", "sess-conv", "X-Conversation-Id", "conv-7");
    assertAll(
        () -> assertEquals("conv-7", span.string(CONVERSATION_ID), CONVERSATION_ID),
        () -> assertEquals("sess-conv", span.string(SESSION_ID), SESSION_ID));
  }

  @Test
  void conversationIdDefaultsToSessionId() {
    ReceivedSpan span = spanOf("/items/c-default", "X-Session-Id", "sess-conv-default");
    assertEquals("sess-conv-default", span.string(CONVERSATION_ID), () -> "span: " + span);
  }

  @Test
  void conversationIdOfCookieSessionIsTheHashedId() {
    ReceivedSpan span = spanOf("/items/c-cookie", "Cookie", "session_id=" + COOKIE_SECRET);
    String sessionId = span.string(SESSION_ID);
    assertAll(
        () -> assertNotNull(sessionId, "no session.id: " + span),
        () -> assertEquals(sessionId, span.string(CONVERSATION_ID), CONVERSATION_ID),
        () -> assertNotEquals(COOKIE_SECRET, span.string(CONVERSATION_ID), "raw cookie as conversation id"));
  }

  // ---- the application itself sees its request unchanged ----

  @Test
  void applicationSeesTheIdentityHeadersAsSent() {
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    var response =
        app.get(
            "/whoami",
            "X-Session-Id", "sess-whoami",
            "X-User-Id", "whoami-user",
            "baggage", "session.id=other,user.id=someone",
            "traceparent", traceparent,
            "Cookie", "session_id=whoami-cookie");
    assertEquals(200, response.status());
    assertEquals(
        "X-Session-Id: sess-whoami\n"
            + "X-User-Id: whoami-user\n"
            + "baggage: session.id=other,user.id=someone\n"
            + "traceparent: " + traceparent + "\n"
            + "cookie session_id\n"
            + "principal: null\n",
        response.body());
  }

  // ---- after shutdown: summaries flushed, secrets still nowhere ----

  @Test
  @Order(Integer.MAX_VALUE - 1)
  void shutdownEmitsSessionSummarySpan() {
    spanOf("/items/summary", "X-Session-Id", "sess-summary", "X-User-Id", ALICE);
    app.jvm().close(); // SIGTERM: the agent ends its sessions with reason "shutdown"

    ReceivedSpan summary =
        app.awaitSpans(s -> "session".equals(s.name()) && "sess-summary".equals(s.string(SESSION_ID)), 1).get(0);
    assertAll(
        () -> assertEquals("shutdown", summary.string("session.end_reason"), "session.end_reason"),
        () -> assertEquals(1L, summary.longValue("session.request_count"), "session.request_count (long)"),
        () -> assertEquals(sha256Prefix(ALICE), summary.string(USER_ID), USER_ID));
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void rawCredentialsAndUserIdsAppearNowhereEvenAfterShutdown() {
    app.jvm().close();
    sleepQuietly(InstrumentedApp.SETTLE.toMillis());

    // positive control: the byte search does find a value every exported server span carries
    List<ReceivedSpan> received = app.telemetry().spans();
    assertFalse(received.isEmpty(), "nothing was exported at all");
    String controlPath = received.get(0).string(URL_PATH);
    assertTrue(controlPath != null && app.telemetry().rawBytesContain(controlPath), "byte search missed " + controlPath);
    for (String secret : List.of(COOKIE_SECRET, JSESSIONID_SECRET, ALICE, BOB, FRANK)) {
      assertFalse(app.telemetry().rawBytesContain(secret), secret + " found in the exported bytes");
      assertFalse(outputContains(secret), secret + " found in the application's stdout/stderr");
    }
  }

  // ---- helpers ----

  private ReceivedSpan spanOf(String path, String... headers) {
    assertEquals(200, app.get(path, headers).status(), "status of " + path);
    return app.awaitServerSpan(path);
  }

  private String sessionOf(String path, String... headers) {
    return spanOf(path, headers).string(SESSION_ID);
  }

  private String rawSessionOf(String path, String... headerLines) {
    assertEquals(200, app.rawGet(path, headerLines).status(), "status of " + path);
    return app.awaitServerSpan(path).string(SESSION_ID);
  }

  private boolean outputContains(String text) {
    return app.jvm().stdout().contains(text) || app.jvm().stderr().contains(text);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
