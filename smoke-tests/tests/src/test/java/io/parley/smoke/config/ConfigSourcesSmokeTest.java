package io.parley.smoke.config;

import static io.parley.smoke.SpanContract.USER_ID;
import static io.parley.smoke.SpanContract.sha256Prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.otlp.ReceivedSpan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §2 end to end: each configuration source reaches the agent, observed through the effect of
 * {@code parley.user.hash} / {@code parley.user.hash.key} on the exported {@code user.id}.
 */
@Timeout(120)
class ConfigSourcesSmokeTest {

  private static final String USER = "dave@example.com";

  @TempDir Path tempDir;

  @Test
  void agentArgumentsCountAsSystemProperties() throws Exception {
    assertEquals(USER, userIdRecordedWith("smoke-config-agent-args", jvm -> jvm.agentArgs("parley.user.hash=none")));
  }

  @Test
  void environmentVariableIsApplied() throws Exception {
    assertEquals(USER, userIdRecordedWith("smoke-config-env", jvm -> jvm.env("PARLEY_USER_HASH", "none")));
  }

  @Test
  void yamlConfigFileIsAppliedAndNamedAtStart() throws Exception {
    Path file = tempDir.resolve("parley.yaml");
    Files.writeString(file, "parley:\n  user:\n    hash: none\n");
    try (InstrumentedApp app = launch("smoke-config-file", jvm -> jvm.systemProperty("parley.config", file.toString()))) {
      assertEquals(USER, userIdOf(app));
      assertTrue(
          app.jvm().stderrLines().stream().anyMatch(line -> line.contains("[parley]") && line.contains(file.toString())),
          () -> "no [parley] line naming the config file in use\n" + app.jvm().diagnostics());
    }
  }

  @Test
  void systemPropertyTakesPrecedenceOverEnvironment() throws Exception {
    assertEquals(
        sha256Prefix(USER),
        userIdRecordedWith(
            "smoke-config-precedence",
            jvm -> jvm.systemProperty("parley.user.hash", "sha256").env("PARLEY_USER_HASH", "none")));
  }

  @Test
  void userHashKeyGivesHmacSha256AndIsNeverExportedOrLogged() throws Exception {
    String key = "smoke-hmac-key-" + Long.toHexString(System.nanoTime());
    try (InstrumentedApp app = launch("smoke-config-hmac", jvm -> jvm.systemProperty("parley.user.hash.key", key))) {
      assertEquals(hmacSha256Prefix(key, USER), userIdOf(app));
      app.jvm().close();
      assertFalse(app.telemetry().rawBytesContain(key), "the hash key was exported");
      assertFalse(app.jvm().stderr().contains(key) || app.jvm().stdout().contains(key), "the hash key was logged");
    }
  }

  private String userIdRecordedWith(String name, UnaryOperator<AgentJvm.Builder> configure) throws Exception {
    try (InstrumentedApp app = launch(name, configure)) {
      return userIdOf(app);
    }
  }

  private static String userIdOf(InstrumentedApp app) {
    assertEquals(200, app.get("/items/user", "X-Session-Id", "config-sess", "X-User-Id", USER).status());
    ReceivedSpan span = app.awaitServerSpan("/items/user");
    return span.string(USER_ID);
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

  private static String hmacSha256Prefix(String key, String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
  }
}
