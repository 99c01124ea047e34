package io.parley.smoke.jetty;

import static io.parley.smoke.SpanContract.HASHED_ID;
import static io.parley.smoke.SpanContract.HTTP_REQUEST_METHOD;
import static io.parley.smoke.SpanContract.HTTP_RESPONSE_STATUS_CODE;
import static io.parley.smoke.SpanContract.SESSION_ID;
import static io.parley.smoke.SpanContract.URL_PATH;
import static io.parley.smoke.SpanContract.USER_ID;
import static io.parley.smoke.SpanContract.sha256Prefix;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Status;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.ReceivedSpan;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §4 and §1 against a plain embedded Jetty 9.4 (javax.servlet 3.1) application that also uses
 * its own, older Jackson, OpenTelemetry SDK and Byte Buddy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class JettyJavaxSmokeTest {

  private static final long ASYNC_DELAY_NANOS = 300_000_000L;

  private InstrumentedApp app;

  @BeforeAll
  void launch() {
    app =
        InstrumentedApp.launch(
            AgentJvm.app("smoke-jetty-javax", SmokeEnvironment.jettyJavaxJar()));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void requestThroughTwoNestedFiltersYieldsExactlyOneServerSpan() {
    SmokeHttp.Response response = app.get("/hello");
    assertEquals(200, response.status());
    assertEquals("seen", response.header("X-Filter-Outer"), "request did not pass the outer filter");
    assertEquals("seen", response.header("X-Filter-Inner"), "request did not pass the inner filter");

    ReceivedSpan span = app.awaitServerSpan("/hello");
    List<ReceivedSpan> serverSpansInTrace = app.serverSpansOfTrace(span.traceId());
    assertEquals(1, serverSpansInTrace.size(), "SERVER spans in the trace: " + serverSpansInTrace);
    List<ReceivedSpan> allHelloSpans = app.telemetry().spans(app.serverSpanFor("/hello"));
    assertEquals(1, allHelloSpans.size(), "SERVER spans for /hello in any trace: " + allHelloSpans);
    assertAll(
        () -> assertEquals("GET /hello", span.name(), "span name"),
        () -> assertEquals("GET", span.string(HTTP_REQUEST_METHOD), HTTP_REQUEST_METHOD),
        () -> assertEquals("/hello", span.string(URL_PATH), URL_PATH),
        () -> assertEquals(200L, span.longValue(HTTP_RESPONSE_STATUS_CODE), HTTP_RESPONSE_STATUS_CODE + " (long)"));
  }

  @Test
  void asyncRequestSpanEndsAfterTheAsyncWorkCompletes() {
    SmokeHttp.Response response = app.get("/async");
    assertEquals(200, response.status());
    assertTrue(response.body().startsWith("async done"), response.body());

    ReceivedSpan span = app.awaitServerSpan("/async");
    assertAll(
        () ->
            assertTrue(
                span.durationNanos() >= ASYNC_DELAY_NANOS,
                "span ended before the async work: duration " + span.durationMillis() + " ms: " + span),
        () -> assertEquals(200L, span.longValue(HTTP_RESPONSE_STATUS_CODE), HTTP_RESPONSE_STATUS_CODE));
    List<ReceivedSpan> serverSpansInTrace = app.serverSpansOfTrace(span.traceId());
    assertEquals(1, serverSpansInTrace.size(), "SERVER spans in the trace: " + serverSpansInTrace);
  }

  @Test
  void sessionAndHashedUserFromHeaders() {
    assertEquals(200, app.get("/items/jetty-session", "X-Session-Id", "jetty-sess-1", "X-User-Id", "carol@example.com").status());

    ReceivedSpan span = app.awaitServerSpan("/items/jetty-session");
    assertEquals("jetty-sess-1", span.string(SESSION_ID), () -> "span: " + span);
    assertTrue(HASHED_ID.matcher(String.valueOf(span.string(USER_ID))).matches(), () -> "user.id: " + span);
    assertFalse(app.telemetry().rawBytesContain("carol@example.com"), "raw user id found in the exported bytes");
  }

  @Test
  void containerAuthenticatedPrincipalIsTheHashedUser() {
    String credentials = Base64.getEncoder().encodeToString("erin:erin-password".getBytes(StandardCharsets.UTF_8));
    SmokeHttp.Response response =
        app.get("/secure/me", "Authorization", "Basic " + credentials, "X-Session-Id", "jetty-principal");
    assertEquals(200, response.status());
    assertEquals("principal: erin", response.body());

    ReceivedSpan span = app.awaitServerSpan("/secure/me");
    assertEquals(sha256Prefix("erin"), span.string(USER_ID), () -> "span: " + span);
    assertFalse(app.telemetry().rawBytesContain(credentials), "Authorization value found in the exported bytes");
    assertFalse(app.telemetry().rawBytesContain("erin-password"), "password found in the exported bytes");
  }

  @Test
  void clientErrorIsRecordedWithoutErrorStatus() {
    assertEquals(404, app.get("/no-such-page").status());

    ReceivedSpan span = app.awaitServerSpan("/no-such-page");
    assertAll(
        () -> assertEquals(404L, span.longValue(HTTP_RESPONSE_STATUS_CODE), HTTP_RESPONSE_STATUS_CODE),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.statusCode(), "a 4xx is not a server error"));
  }

  @Test
  void applicationsOwnOldLibrariesWorkAndTheRequestIsStillExported() {
    SmokeHttp.Response response = app.get("/conflicts", "X-Session-Id", "jetty-conflicts");
    String body = response.body();
    assertAll(
        () -> assertEquals(200, response.status(), body),
        () -> assertTrue(body.contains("\"jackson-databind.works\":true"), body),
        () -> assertTrue(body.contains("\"jackson-databind.version\":\"" + SmokeEnvironment.expected("jacksonDatabind") + "\""), body),
        () -> assertTrue(body.contains("\"opentelemetry-sdk.works\":true"), body),
        () -> assertTrue(body.contains("\"opentelemetry-sdk.version\":\"" + SmokeEnvironment.expected("opentelemetrySdk") + "\""), body),
        () -> assertTrue(body.contains("\"byte-buddy.works\":true"), body),
        () -> assertTrue(body.contains("\"byte-buddy.version\":\"" + SmokeEnvironment.expected("byteBuddy") + "\""), body),
        () -> assertTrue(body.contains("\"byte-buddy.generated\":\"made by the app's byte-buddy\""), body));

    ReceivedSpan span = app.awaitServerSpan("/conflicts");
    assertAll(
        () -> assertEquals(200L, span.longValue(HTTP_RESPONSE_STATUS_CODE), HTTP_RESPONSE_STATUS_CODE),
        () -> assertEquals("jetty-conflicts", span.string(SESSION_ID), SESSION_ID));
    // the application's own SDK exports nowhere: its span must not leak into the agent's pipeline
    assertTrue(app.spansAfterSettling(s -> "app-own-span".equals(s.name())).isEmpty(),
        "the application's own SDK span was exported by the agent");
  }

  @Test
  void agentLogsOneStartupLine() {
    assertTrue(
        app.jvm().stderrLines().stream().anyMatch(line -> line.contains("[parley]") && line.contains("0.1.0")),
        () -> "no [parley] start line with the agent version on stderr:\n" + app.jvm().diagnostics());
  }
}
