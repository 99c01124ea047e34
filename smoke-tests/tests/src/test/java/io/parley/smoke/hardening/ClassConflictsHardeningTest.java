package io.parley.smoke.hardening;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.fakellm.FakeLlmProvider;
import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.ReceivedSpan;
import io.parley.smoke.secrets.SecretScan;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §1, class conflicts: the jetty-javax application ships its own, other versions of every
 * library the agent carries relocated (Jackson 2.9, the OpenTelemetry API and SDK 1.0.0, Byte Buddy
 * 1.14 and OkHttp 3.14.9, where the agent relocates OkHttp 5 for its exporter). All of them work
 * in the application, its requests are exported, and an LLM call made through the application's
 * own OkHttp 3 is recorded by the agent's OkHttp instrumentation while the application reads what
 * the provider sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ClassConflictsHardeningTest {

  private final HardeningReport report = new HardeningReport(ClassConflictsHardeningTest.class);
  private FakeLlmProvider llm;
  private InstrumentedApp app;

  @BeforeAll
  void launch() {
    llm = FakeLlmProvider.started().datedModels();
    app =
        InstrumentedApp.launch(
            AgentJvm.app("hardening-class-conflicts", SmokeEnvironment.jettyJavaxJar())
                .secret(SecretScan.API_KEY, "sk-jetty-okhttp3-key"));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      llm.close();
      report.print();
    }
  }

  @Test
  void everyConflictingLibraryWorksInTheApplicationAndItsRequestIsExported() throws IOException {
    SmokeHttp.Response response = app.get("/conflicts", "X-Session-Id", "conflicts-okhttp3");
    String body = response.body();
    String agentOkHttp = agentOkHttpVersion();
    String appOkHttp = SmokeEnvironment.expected("okhttp");
    assertAll(
        () -> assertEquals(200, response.status(), body),
        () -> assertTrue(body.contains("\"jackson-databind.works\":true"), body),
        () -> assertTrue(body.contains("\"opentelemetry-sdk.works\":true"), body),
        () -> assertTrue(body.contains("\"byte-buddy.works\":true"), body),
        () -> assertTrue(body.contains("\"okhttp.works\":true"), body),
        () -> assertTrue(body.contains("\"okhttp.version\":\"" + appOkHttp + "\""), body),
        () -> assertTrue(body.contains("\"okhttp.userAgent\":\"okhttp/" + appOkHttp + "\""), body),
        () -> assertNotEquals(appOkHttp, agentOkHttp, "the agent relocates another OkHttp"));
    report.note("application OkHttp", appOkHttp);
    report.note("agent's relocated OkHttp", agentOkHttp);
    report.add("conflicting libraries exercised", 4);

    ReceivedSpan server = app.awaitServerSpan("/conflicts");
    assertEquals("conflicts-okhttp3", server.string("session.id"));
    // the application's own OkHttp call to itself is a request like any other
    app.awaitServerSpan("/items/okhttp-self-call");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void anLlmCallThroughTheApplicationsOkHttp3IsRecorded(boolean stream) {
    String session = "okhttp3-llm-" + stream;
    llm.next().usage(120, 30);
    String path =
        "/okhttp-llm?stream=" + stream + "&url="
            + URLEncoder.encode(llm.openAiBaseUrl() + "/chat/completions", StandardCharsets.UTF_8);
    SmokeHttp.Response response = app.get(path, "X-Session-Id", session);
    assertTrue(response.body().startsWith("status=200\nbody="), response.body());
    assertTrue(response.body().contains(stream ? "[DONE]" : "\"usage\""), response.body());

    ReceivedSpan server =
        app.awaitSpans(span -> span.isServer() && session.equals(span.string("session.id")), 1).get(0);
    List<ReceivedSpan> llmSpans =
        app.spansAfterSettling(
            span -> span.traceId().equals(server.traceId()) && span.attribute("gen_ai.operation.name").isPresent());
    assertEquals(1, llmSpans.size(), "one LLM span: " + llmSpans);
    ReceivedSpan span = llmSpans.get(0);
    assertAll(
        () -> assertEquals(server.spanId(), span.parentSpanId()),
        () -> assertEquals("gpt-4o-mini", span.string("gen_ai.request.model")),
        () -> assertEquals("gpt-4o-mini-2024-07-18", span.string("gen_ai.response.model")),
        () -> assertEquals(120L, span.longValue("gen_ai.usage.input_tokens")),
        () -> assertEquals(30L, span.longValue("gen_ai.usage.output_tokens")),
        () -> assertEquals(session, span.string("session.id")),
        () -> assertEquals(1L, server.longValue("turn.llm_calls")));
    report.add("LLM calls through OkHttp 3.14.9 recorded", 1);
  }

  /** The OkHttp version inside the agent jar (relocated), from its Maven metadata or its jar. */
  private static String agentOkHttpVersion() throws IOException {
    try (JarFile jar = new JarFile(SmokeEnvironment.agentJar().toFile())) {
      for (String name :
          List.of(
              "META-INF/maven/com.squareup.okhttp3/okhttp-jvm/pom.properties",
              "META-INF/maven/com.squareup.okhttp3/okhttp/pom.properties")) {
        ZipEntry entry = jar.getEntry(name);
        if (entry != null) {
          try (InputStream in = jar.getInputStream(entry)) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
          }
        }
      }
      // no Maven metadata kept: OkHttp 4 and 5 have okhttp3.OkHttp, OkHttp 3 does not
      return jar.getEntry("io/parley/shaded/okhttp3/OkHttp.class") != null ? "4.x or 5.x" : "unknown";
    }
  }
}
