package io.parley.smoke.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.SpanContract;
import io.parley.smoke.http.SmokeHttp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.secrets.SecretScan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The positive control of the secret scan every smoke test class gets: values planted where the
 * agent legitimately writes them (a session id it records as sent, a configuration key it names in
 * a warning) are found, in the channel they were planted in; a cookie value is not found while its
 * hash is, so the scan reads the very bytes that were exported.
 */
@Timeout(120)
class SecretScanPositiveControlTest {

  @Test
  void plantedValuesAreFoundWhereTheyWerePlanted() throws Exception {
    String token = UUID.randomUUID().toString().replace("-", "");
    String sessionCanary = "canary-session-" + token;
    String logCanary = "parley.canary" + token.substring(0, 12);
    String cookie = "canary-cookie-" + token;
    OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
    AgentJvm jvm =
        AgentJvm.app("hardening-secret-scan-control", SmokeEnvironment.jettyJavaxJar())
            .otlp(receiver.endpoint(), "http/protobuf")
            .systemProperty(logCanary, "on") // an unknown key: the agent's warning names it
            .start();
    try {
      assertEquals(200, SmokeHttp.get(jvm.uri("/items/control"), "X-Session-Id", sessionCanary).status());
      assertEquals(200, SmokeHttp.get(jvm.uri("/items/control-cookie"), "Cookie", "session_id=" + cookie).status());
      receiver.telemetry().awaitSpans(span -> span.isServer() && span.string("url.path").startsWith("/items/control"), 2,
          Duration.ofSeconds(20));
    } finally {
      jvm.close();
      receiver.close();
    }

    SecretScan.Result result =
        SecretScan.scan(
            List.of(jvm),
            Map.of(receiver.endpoint(), receiver.telemetry()),
            List.of(
                new SecretScan.Secret("planted session id", sessionCanary, jvm),
                new SecretScan.Secret("planted log canary", logCanary, jvm),
                new SecretScan.Secret(SecretScan.COOKIE, cookie, jvm),
                new SecretScan.Secret("hash of the cookie", SpanContract.sha256Prefix(cookie), jvm)),
            0);
    System.out.println(result.summary("SecretScanPositiveControlTest (planted)"));
    List<String> found =
        result.findings().stream().map(f -> f.secret().kind() + " in " + f.where()).toList();
    assertEquals(
        List.of(
            "planted log canary in hardening-secret-scan-control stderr",
            "planted session id in telemetry exported by hardening-secret-scan-control",
            "hash of the cookie in telemetry exported by hardening-secret-scan-control"),
        found.stream().sorted((a, b) -> order(a) - order(b)).toList());
    assertTrue(result.telemetryBytes() > 0 && result.logBytes() > 0, result.summary("control"));
  }

  private static int order(String finding) {
    return finding.startsWith("planted log") ? 0 : finding.startsWith("planted session") ? 1 : 2;
  }
}
