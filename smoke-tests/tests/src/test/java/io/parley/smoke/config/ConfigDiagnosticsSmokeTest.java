package io.parley.smoke.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §2: bad configuration never stops the application; it is reported on stderr with a
 * {@code [parley]} line naming the key, value or path. Matched loosely on those substrings.
 */
@Timeout(120)
class ConfigDiagnosticsSmokeTest {

  @Test
  void misspelledKeyIsNamedWithTheClosestValidKey() throws Exception {
    try (InstrumentedApp app = launch("smoke-config-typo", jvm -> jvm.systemProperty("parley.sesion.timeout", "5m"))) {
      assertStderrLine(app, "parley.sesion.timeout", "parley.session.timeout");
      assertStillServesAndExports(app);
    }
  }

  @Test
  void badValueIsNamedWithItsKey() throws Exception {
    try (InstrumentedApp app = launch("smoke-config-bad-value", jvm -> jvm.systemProperty("parley.session.timeout", "banana"))) {
      assertStderrLine(app, "parley.session.timeout", "banana");
      assertStillServesAndExports(app);
    }
  }

  @Test
  void missingConfigFileIsNamed() throws Exception {
    try (InstrumentedApp app = launch("smoke-config-missing-file", jvm -> jvm.systemProperty("parley.config", "/nonexistent/parley.yaml"))) {
      assertStderrLine(app, "/nonexistent/parley.yaml");
      assertStillServesAndExports(app);
    }
  }

  /** The Jetty app is javax.servlet: turning servlet-3.0 off leaves it served and untraced. */
  @Test
  void disabledInstrumentationIsNotInstalledAndTheRestWorks() throws Exception {
    try (InstrumentedApp app =
        launch("smoke-config-disabled", jvm -> jvm.systemProperty("parley.instrumentations.disabled", "servlet-3.0,nope"))) {
      assertEquals(200, app.get("/hello").status());
      assertTrue(
          app.spansAfterSettling(span -> span.isServer()).isEmpty(), "a server span without the servlet instrumentation");
      assertStderrLine(app, "instrumentation servlet-3.0 is off");
      assertStderrLine(app, "'nope'", "servlet-5.0");
      String started =
          app.jvm().stderrLines().stream().filter(line -> line.contains("instrumentations: ")).findFirst().orElse("");
      assertTrue(started.contains("servlet-5.0") && !started.contains("servlet-3.0"), "start-up line: " + started);
    }
  }

  private static InstrumentedApp launch(String name, UnaryOperator<AgentJvm.Builder> configure) {
    OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
    try {
      AgentJvm jvm =
          configure
              .apply(AgentJvm.app(name, SmokeEnvironment.jettyJavaxJar()).otlp(receiver.endpoint(), "http/protobuf"))
              .start();
      return new InstrumentedApp(jvm, receiver.telemetry(), receiver);
    } catch (RuntimeException | Error e) {
      receiver.close();
      throw e;
    }
  }

  private static void assertStderrLine(InstrumentedApp app, String... fragments) {
    boolean found =
        app.jvm().stderrLines().stream()
            .anyMatch(line -> line.contains("[parley]") && Arrays.stream(fragments).allMatch(line::contains));
    assertTrue(
        found,
        () -> "no [parley] stderr line containing all of " + Arrays.toString(fragments) + "\n" + app.jvm().diagnostics());
  }

  private static void assertStillServesAndExports(InstrumentedApp app) {
    assertEquals(200, app.get("/hello").status());
    app.awaitServerSpan("/hello");
  }
}
