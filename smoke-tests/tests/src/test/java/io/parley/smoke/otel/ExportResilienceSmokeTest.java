package io.parley.smoke.otel;

import static io.parley.smoke.SpanContract.SESSION_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §7: with the backend down, requests are served as usual and never wait for the export; the
 * spans are sent once the backend is back.
 */
@Timeout(120)
class ExportResilienceSmokeTest {

  /** Far above a local request's latency, far below an export timeout (10 s by default). */
  private static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(2);

  @Test
  void requestsAreUnaffectedWhileTheBackendIsDownAndSpansArriveWhenItReturns() throws Exception {
    int backendPort = AgentJvm.freePort();
    AgentJvm jvm =
        AgentJvm.app("smoke-backend-down", SmokeEnvironment.jettyJavaxJar())
            .otlp("http://127.0.0.1:" + backendPort, "http/protobuf")
            .start();
    try {
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        SmokeHttp.Response response = SmokeHttp.get(jvm.uri("/items/while-down"), "X-Session-Id", "down-sess");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(200, response.status());
        assertEquals("an item", response.body());
        assertTrue(took.compareTo(MAX_REQUEST_TIME) < 0, "request took " + took + " with the backend down");
        Thread.sleep(200); // let the batch processor attempt exports in between
      }

      OtlpHttpReceiver receiver = OtlpHttpReceiver.start(backendPort);
      try (InstrumentedApp app = new InstrumentedApp(jvm, receiver.telemetry(), receiver)) {
        ReceivedSpan span = app.awaitServerSpan("/items/while-down");
        assertEquals("down-sess", span.string(SESSION_ID));
      }
    } finally {
      jvm.close();
    }
  }
}
