package io.parley.smoke.tomcat;

import static io.parley.smoke.SpanContract.SESSION_ID;
import static io.parley.smoke.SpanContract.USER_ID;
import static io.parley.smoke.SpanContract.sha256Prefix;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.fakellm.FakeLlmProvider;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.ReceivedSpan;
import io.parley.smoke.secrets.SecretScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The way many services run: the Tomcat 10.1 distribution started by its own launcher with the
 * agent on the command line (as {@code CATALINA_OPTS} would put it), serving a web application
 * whose classes live in its own class loader, apart from the container's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class StandaloneTomcatSmokeTest {

  private static final String API_KEY = "sk-test-123-standalone-tomcat";

  private FakeLlmProvider llm;
  private InstrumentedApp app;

  @BeforeAll
  void launch() throws IOException {
    Path home = SmokeEnvironment.tomcatHome();
    Path base = Files.createTempDirectory(home.getParent(), "catalina-base-");
    StandaloneTomcat.prepare(home, base, SmokeEnvironment.tomcatWebappJar());
    llm = FakeLlmProvider.started();
    app =
        InstrumentedApp.launch(
            AgentJvm.main("smoke-standalone-tomcat", StandaloneTomcat.classpath(home), StandaloneTomcat.MAIN_CLASS)
                .systemProperty("catalina.home", home.toString())
                .systemProperty("catalina.base", base.toString())
                .systemProperty("java.io.tmpdir", base.resolve("temp").toString())
                .systemProperty("webapp.llm", llm.baseUrl())
                .env("WEBAPP_API_KEY", API_KEY)
                .secret(SecretScan.API_KEY, API_KEY)
                .appArgs(
                    port -> {
                      StandaloneTomcat.listenOn(base, port);
                      return List.of("start");
                    }));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (llm != null) {
      llm.close();
    }
  }

  @Test
  void requestThroughTheWebappsFilterIsOneServerSpanWithItsSessionAndHashedUser() {
    SmokeHttp.Response response = app.get("/hello", "X-Session-Id", "tomcat-s1", "X-User-Id", "ada@example.com");
    assertEquals(200, response.status());
    assertEquals("seen", response.header("X-Webapp-Filter"), "the request did not pass the filter");

    ReceivedSpan span = app.awaitServerSpan("/hello");
    assertAll(
        () -> assertEquals("GET /hello", span.name()),
        () -> assertEquals("tomcat-s1", span.string(SESSION_ID)),
        () -> assertEquals(sha256Prefix("ada@example.com"), span.string(USER_ID)),
        () -> assertEquals(1, app.serverSpansOfTrace(span.traceId()).size(), "SERVER spans in the trace"));
    assertFalse(app.telemetry().rawBytesContain("ada@example.com"), "raw user id exported");
  }

  @Test
  void llmCallFromTheWebappIsATurnOfItsRequest() {
    llm.next().usage(640, 32);
    String session = "tomcat-chat-" + UUID.randomUUID();
    SmokeHttp.Response response = app.get("/chat", "X-Session-Id", session);
    assertEquals("status=200", response.body());

    ReceivedSpan server =
        app.awaitSpans(span -> span.isServer() && session.equals(span.string(SESSION_ID)), 1).get(0);
    ReceivedSpan call =
        app.awaitSpans(
                span -> span.attribute("gen_ai.operation.name").isPresent() && server.traceId().equals(span.traceId()),
                1)
            .get(0);
    assertAll(
        () -> assertEquals(server.spanId(), call.parentSpanId(), "parent is the server span"),
        () -> assertEquals("chat gpt-4o-mini", call.name()),
        () -> assertEquals(session, call.string(SESSION_ID)),
        () -> assertEquals(640L, call.longValue("gen_ai.usage.input_tokens")),
        () -> assertEquals(32L, call.longValue("gen_ai.usage.output_tokens")),
        () -> assertEquals(1L, call.longValue("turn.number")),
        () -> assertEquals(1L, server.longValue("turn.llm_calls")),
        () -> assertEquals(640L, server.longValue("turn.input_tokens")));
  }

  @Test
  void asyncRequestEndsWhenTheWebappCompletesIt() {
    SmokeHttp.Response response = app.get("/async");
    assertEquals("async done", response.body());

    ReceivedSpan span = app.awaitServerSpan("/async");
    assertTrue(span.durationMillis() >= 300, "ended before the async work: " + span.durationMillis() + " ms");
    assertEquals(1, app.serverSpansOfTrace(span.traceId()).size(), "SERVER spans in the trace");
  }

  @Test
  void theAgentStartedQuietlyWithTheServletInstrumentation() {
    String log = app.jvm().stderr() + app.jvm().stdout();
    assertTrue(log.contains("instrumentations: "), "no start-up line:\n" + log);
    assertTrue(log.matches("(?s).*instrumentations: [^\\n]*servlet-5\\.0.*"), "servlet-5.0 not active:\n" + log);
    assertFalse(log.contains("[parley] ERROR"), "the agent logged an error:\n" + log);
  }
}
