package io.parley.agent.config;

import static io.parley.agent.config.ConfigRun.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderPrecedenceTest {

  @TempDir Path dir;

  private ConfigRun allButSystemProperty() throws IOException {
    return new ConfigRun()
        .file(yaml(dir, "session.timeout: 4m"))
        .env("PARLEY_SESSION_TIMEOUT", "3m")
        .agentArgs("parley.session.timeout=2m");
  }

  private ConfigRun allFourSources() throws IOException {
    return allButSystemProperty().property("parley.session.timeout", "1m");
  }

  @Test
  void noSourceGivesTheDefault() {
    ParleyConfig config = new ConfigRun().load();
    assertEquals(Duration.ofMinutes(30), config.get(ParleyKeys.SESSION_TIMEOUT));
    assertEquals(ConfigSource.DEFAULT, config.sourceOf(ParleyKeys.SESSION_TIMEOUT));
  }

  @Test
  void systemPropertyWinsOverEverything() throws IOException {
    ParleyConfig config = allFourSources().load();
    assertEquals(Duration.ofMinutes(1), config.get(ParleyKeys.SESSION_TIMEOUT));
    assertEquals(ConfigSource.SYSTEM_PROPERTY, config.sourceOf(ParleyKeys.SESSION_TIMEOUT));
  }

  @Test
  void agentArgumentWinsOverEnvironmentAndFile() throws IOException {
    ParleyConfig config = allButSystemProperty().load();
    assertEquals(Duration.ofMinutes(2), config.get(ParleyKeys.SESSION_TIMEOUT));
    assertEquals(ConfigSource.AGENT_ARGUMENT, config.sourceOf(ParleyKeys.SESSION_TIMEOUT));
  }

  @Test
  void environmentWinsOverFile() throws IOException {
    ParleyConfig config = new ConfigRun()
        .file(yaml(dir, "session.timeout: 4m"))
        .env("PARLEY_SESSION_TIMEOUT", "3m")
        .load();
    assertEquals(Duration.ofMinutes(3), config.get(ParleyKeys.SESSION_TIMEOUT));
    assertEquals(ConfigSource.ENVIRONMENT, config.sourceOf(ParleyKeys.SESSION_TIMEOUT));
  }

  @Test
  void fileWinsOverDefault() throws IOException {
    ParleyConfig config = new ConfigRun().file(yaml(dir, "session.timeout: 4m")).load();
    assertEquals(Duration.ofMinutes(4), config.get(ParleyKeys.SESSION_TIMEOUT));
    assertEquals(ConfigSource.FILE, config.sourceOf(ParleyKeys.SESSION_TIMEOUT));
  }

  @Test
  void realSystemPropertyWinsOverAgentArgumentOfTheSameKey() {
    ParleyConfig config = new ConfigRun()
        .agentArgs("parley.capture.content=true")
        .property("parley.capture.content", "false")
        .load();
    assertEquals(false, config.get(ParleyKeys.CAPTURE_CONTENT));
  }

  @Test
  void sourcesCombineKeyByKey() throws IOException {
    ParleyConfig config = new ConfigRun()
        .file(yaml(dir, "session.max: 5", "user.hash: none"))
        .env("PARLEY_SESSION_MAX", "6")
        .load();
    assertEquals(6, config.get(ParleyKeys.SESSION_MAX));
    assertEquals("none", config.get(ParleyKeys.USER_HASH));
  }

  @Test
  void environmentVariableMapsToItsKey() {
    ParleyConfig config = new ConfigRun()
        .env("PARLEY_SESSION_BAGGAGE_KEYS", "sid")
        .env("PARLEY_USER_HASH_KEY", "k")
        .load();
    assertEquals("sid", config.get(ParleyKeys.SESSION_BAGGAGE_KEYS).get(0));
    assertEquals("k", config.get(ParleyKeys.USER_HASH_KEY));
  }

  @Test
  void configFileCanBeNamedByEnvironmentOrAgentArgument() throws IOException {
    Path file = yaml(dir, "capture.content: true");
    ConfigRun byEnv = new ConfigRun().env("PARLEY_CONFIG", file.toString());
    ConfigRun byArg = new ConfigRun().agentArgs("parley.config=" + file);
    assertEquals(true, byEnv.load().get(ParleyKeys.CAPTURE_CONTENT));
    assertEquals(true, byArg.load().get(ParleyKeys.CAPTURE_CONTENT));
    assertEquals(file.toString(), byArg.load().configFile());
  }

  @Test
  void nothingIsLoggedForAValidConfiguration() throws IOException {
    ConfigRun run = allFourSources();
    run.load();
    assertTrue(run.lines.isEmpty(), run.lines.toString());
  }
}
