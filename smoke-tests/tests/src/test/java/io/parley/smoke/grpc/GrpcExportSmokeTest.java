package io.parley.smoke.grpc;

import static io.parley.smoke.SpanContract.SESSION_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpGrpcReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC §2: {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc} works as for any OpenTelemetry SDK. */
@Timeout(120)
class GrpcExportSmokeTest {

  @Test
  void spansArriveOverOtlpGrpc() throws Exception {
    OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start();
    AgentJvm jvm;
    try {
      jvm = AgentJvm.app("smoke-grpc-export", SmokeEnvironment.jettyJavaxJar()).otlp(receiver.endpoint(), "grpc").start();
    } catch (RuntimeException | Error e) {
      receiver.close();
      throw e;
    }
    try (InstrumentedApp app = new InstrumentedApp(jvm, receiver.telemetry(), receiver)) {
      assertEquals(200, app.get("/hello", "X-Session-Id", "grpc-sess").status());

      ReceivedSpan span = app.awaitServerSpan("/hello");
      assertEquals("grpc-sess", span.string(SESSION_ID), () -> "span: " + span);
      assertEquals("smoke-grpc-export", span.resourceString("service.name"));
    }
  }
}
