package io.parley.smoke.otel;

import static io.parley.smoke.SpanContract.SESSION_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC §2: standard OTEL_* settings work as for any OpenTelemetry SDK (compression, resource). */
@Timeout(120)
class OtelSettingsSmokeTest {

  @Test
  void gzipCompressionAndResourceAttributesFromOtelEnvironment() throws Exception {
    OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
    AgentJvm jvm;
    try {
      jvm =
          AgentJvm.app("smoke-otel-settings", SmokeEnvironment.jettyJavaxJar())
              .otlp(receiver.endpoint(), "http/protobuf")
              .env("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")
              .env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=smoke,team=parley")
              .start();
    } catch (RuntimeException | Error e) {
      receiver.close();
      throw e;
    }
    try (InstrumentedApp app = new InstrumentedApp(jvm, receiver.telemetry(), receiver)) {
      assertEquals(200, app.get("/hello", "X-Session-Id", "gzip-sess").status());

      ReceivedSpan span = app.awaitServerSpan("/hello");
      assertEquals("gzip-sess", span.string(SESSION_ID), () -> "span: " + span);
      assertTrue(receiver.gzipRequestCount() > 0, "OTEL_EXPORTER_OTLP_COMPRESSION=gzip was not applied");
      assertEquals("smoke", span.resourceString("deployment.environment.name"));
      assertEquals("parley", span.resourceString("team"));
    }
  }

  /** With only an endpoint set, the agent speaks OTLP/HTTP (http/protobuf), as it announces. */
  @Test
  void defaultProtocolIsHttpProtobuf() throws Exception {
    OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
    AgentJvm jvm;
    try {
      jvm =
          AgentJvm.app("smoke-otel-default-protocol", SmokeEnvironment.jettyJavaxJar())
              .otlp(receiver.endpoint(), null)
              .start();
    } catch (RuntimeException | Error e) {
      receiver.close();
      throw e;
    }
    try (InstrumentedApp app = new InstrumentedApp(jvm, receiver.telemetry(), receiver)) {
      assertEquals(200, app.get("/hello", "X-Session-Id", "default-protocol").status());

      ReceivedSpan span = app.awaitServerSpan("/hello");
      assertEquals("default-protocol", span.string(SESSION_ID));
      assertTrue(
          jvm.stderr().contains("otlp (http/protobuf)"), "start-up line names the protocol");
    }
  }
}
