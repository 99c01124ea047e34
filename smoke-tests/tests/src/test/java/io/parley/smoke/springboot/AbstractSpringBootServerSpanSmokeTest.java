package io.parley.smoke.springboot;

import static io.parley.smoke.SpanContract.HTTP_REQUEST_METHOD;
import static io.parley.smoke.SpanContract.HTTP_RESPONSE_STATUS_CODE;
import static io.parley.smoke.SpanContract.HTTP_ROUTE;
import static io.parley.smoke.SpanContract.CONVERSATION_ID;
import static io.parley.smoke.SpanContract.SESSION_ID;
import static io.parley.smoke.SpanContract.USER_ID;
import static io.parley.smoke.SpanContract.sha256Prefix;
import static io.parley.smoke.SpanContract.URL_PATH;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §3 and §4 against a Spring Boot 3 application (jakarta.servlet, two registered filters in
 * front of the DispatcherServlet), launched with the agent on the JDK and in the embedded servlet
 * container (Tomcat, Undertow, Jetty) a subclass picks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class AbstractSpringBootServerSpanSmokeTest {

  /** The delay of the application's /async endpoint. */
  private static final long ASYNC_DELAY_NANOS = 300_000_000L;

  private InstrumentedApp app;

  /** The {@code java} launcher to run the application with; may abort the class by assumption. */
  protected abstract Path java();

  protected abstract String serviceName();

  /** The launched application. */
  protected InstrumentedApp app() {
    return app;
  }

  /** Application arguments besides the port. */
  protected List<String> extraAppArgs() {
    return List.of();
  }

  /** The application jar: the same application, built with the container under test. */
  protected Path appJar() {
    return SmokeEnvironment.springBoot3Jar();
  }

  @BeforeAll
  void launch() {
    Path java = java();
    app =
        InstrumentedApp.launch(
            AgentJvm.app(serviceName(), appJar())
                .java(java)
                .appArgs(
                    port -> {
                      List<String> args = new ArrayList<>(extraAppArgs());
                      args.add("--server.port=" + port);
                      return args;
                    }));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void requestThroughTwoFiltersAndDispatcherServletYieldsExactlyOneServerSpan() {
    SmokeHttp.Response response = app.get("/hello");
    assertEquals(200, response.status());
    assertEquals("seen", response.header("X-Filter-Outer"), "request did not pass the outer filter");
    assertEquals("seen", response.header("X-Filter-Inner"), "request did not pass the inner filter");

    ReceivedSpan span = app.awaitServerSpan("/hello");
    List<ReceivedSpan> serverSpansInTrace = app.serverSpansOfTrace(span.traceId());
    assertEquals(1, serverSpansInTrace.size(), "SERVER spans in the trace: " + serverSpansInTrace);
    List<ReceivedSpan> allHelloSpans = app.telemetry().spans(app.serverSpanFor("/hello"));
    assertEquals(1, allHelloSpans.size(), "SERVER spans for /hello in any trace: " + allHelloSpans);
    assertEquals("GET /hello", span.name(), () -> "span: " + span);
  }

  @Test
  void spanIsNamedByRouteAndCarriesHttpAttributes() {
    assertEquals(200, app.get("/items/42").status());

    ReceivedSpan span = app.awaitServerSpan("/items/42");
    assertAll(
        () -> assertEquals("GET /items/{id}", span.name(), "span name"),
        () -> assertEquals("GET", span.string(HTTP_REQUEST_METHOD), HTTP_REQUEST_METHOD),
        () -> assertEquals("/items/42", span.string(URL_PATH), URL_PATH),
        () -> assertEquals(200L, span.longValue(HTTP_RESPONSE_STATUS_CODE), HTTP_RESPONSE_STATUS_CODE + " (long)"),
        () -> assertEquals("/items/{id}", span.string(HTTP_ROUTE), HTTP_ROUTE),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.statusCode(), "status of a 200"));
  }

  @Test
  void failingRequestRecords500AndErrorStatus() {
    assertEquals(500, app.get("/fail").status());

    ReceivedSpan span = app.awaitServerSpan("/fail");
    assertAll(
        () -> assertEquals(500L, span.longValue(HTTP_RESPONSE_STATUS_CODE), HTTP_RESPONSE_STATUS_CODE),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.statusCode(), "span status"),
        () -> assertEquals("GET /fail", span.name(), "span name"));
    // the container's error dispatch to /error must not add a second server span
    List<ReceivedSpan> serverSpansInTrace = app.serverSpansOfTrace(span.traceId());
    assertEquals(1, serverSpansInTrace.size(), "SERVER spans in the trace: " + serverSpansInTrace);
    // the exception's class is recorded, never its message (it may hold user data)
    assertFalse(app.telemetry().rawBytesContain("smoke test failure on purpose"), "the exception message was exported");
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
        () -> assertEquals(200L, span.longValue(HTTP_RESPONSE_STATUS_CODE), HTTP_RESPONSE_STATUS_CODE),
        () -> assertEquals("GET /async", span.name(), "span name"));
    // the async re-dispatch must not add a second server span
    List<ReceivedSpan> serverSpansInTrace = app.serverSpansOfTrace(span.traceId());
    assertEquals(1, serverSpansInTrace.size(), "SERVER spans in the trace: " + serverSpansInTrace);
  }

  @Test
  void incomingTraceparentIsContinued() {
    String traceId = randomHex(16);
    String parentSpanId = randomHex(8);
    assertEquals(200, app.get("/items/traced", "traceparent", "00-" + traceId + "-" + parentSpanId + "-01").status());

    ReceivedSpan span = app.awaitServerSpan("/items/traced");
    assertAll(
        () -> assertEquals(traceId, span.traceId(), "trace id"),
        () -> assertEquals(parentSpanId, span.parentSpanId(), "parent span id"));
  }

  @Test
  void resourceNamesTheServiceFromOtelServiceName() {
    assertEquals(200, app.get("/items/resource").status());

    ReceivedSpan span =
        app.awaitSpans(
                s -> s.isServer() && "/items/resource".equals(s.string(URL_PATH)), 1)
            .get(0);
    assertEquals(serviceName(), span.resourceString("service.name"));
  }

  @Test
  void sessionUserAndConversationComeFromTheContainersHeadersAndCookies() {
    String cookieSecret = "container-cookie-" + randomHex(8);
    assertEquals(
        200,
        app.get("/items/identity", "X-User-Id", "alice@example.com", "X-Conversation-Id", "conv-9", "Cookie",
                "theme=dark; session_id=" + cookieSecret)
            .status());

    ReceivedSpan span = app.awaitServerSpan("/items/identity");
    assertAll(
        () -> assertEquals(sha256Prefix(cookieSecret), span.string(SESSION_ID), "session.id from the cookie, hashed"),
        () -> assertEquals(sha256Prefix("alice@example.com"), span.string(USER_ID), "user.id, hashed"),
        () -> assertEquals("conv-9", span.string(CONVERSATION_ID), CONVERSATION_ID));
    assertFalse(app.telemetry().rawBytesContain(cookieSecret), "raw cookie value exported");
    assertFalse(app.telemetry().rawBytesContain("alice@example.com"), "raw user id exported");
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    do {
      ThreadLocalRandom.current().nextBytes(random);
    } while (random[0] == 0);
    return HexFormat.of().formatHex(random);
  }
}
