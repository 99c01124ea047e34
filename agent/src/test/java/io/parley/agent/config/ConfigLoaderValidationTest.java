package io.parley.agent.config;

import static io.parley.agent.config.ConfigRun.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderValidationTest {

  @TempDir Path dir;

  private static String onlyLine(List<String> lines) {
    assertEquals(1, lines.size(), lines.toString());
    return lines.get(0);
  }

  @Test
  void badDurationKeepsDefaultAndSaysWhatIsAccepted() {
    ConfigRun run = new ConfigRun().env("PARLEY_SESSION_TIMEOUT", "abc");
    ParleyConfig config = run.load();
    assertEquals(Duration.ofMinutes(30), config.get(ParleyKeys.SESSION_TIMEOUT));
    assertEquals(ConfigSource.DEFAULT, config.sourceOf(ParleyKeys.SESSION_TIMEOUT));
    String line = onlyLine(run.lines("ERROR"));
    assertTrue(line.contains("invalid value 'abc' for parley.session.timeout"
        + " (environment variable PARLEY_SESSION_TIMEOUT): expected a duration like 500ms"), line);
    assertTrue(line.endsWith("; using default 30m"), line);
  }

  @Test
  void zeroDurationIsRejected() {
    ConfigRun run = new ConfigRun().property("parley.session.timeout", "0s");
    assertEquals(Duration.ofMinutes(30), run.load().get(ParleyKeys.SESSION_TIMEOUT));
    assertTrue(onlyLine(run.lines("ERROR")).contains("'0s'"));
  }

  @Test
  void badBooleanKeepsDefault() {
    ConfigRun run = new ConfigRun().property("parley.enabled", "yes");
    assertEquals(true, run.load().get(ParleyKeys.ENABLED));
    String line = onlyLine(run.lines("ERROR"));
    assertTrue(line.contains("'yes' for parley.enabled (system property): expected true or false"),
        line);
  }

  @Test
  void integerBelowMinimumKeepsDefault() {
    ConfigRun run = new ConfigRun().agentArgs("parley.session.max=0");
    assertEquals(10000, run.load().get(ParleyKeys.SESSION_MAX));
    String line = onlyLine(run.lines("ERROR"));
    assertTrue(line.contains(
        "'0' for parley.session.max (agent argument): expected an integer >= 1"), line);
  }

  @Test
  void unknownEnumValueKeepsDefaultAndListsTheAccepted() throws IOException {
    ConfigRun run = new ConfigRun().file(yaml(dir, "log.level: verbose"));
    assertEquals("info", run.load().get(ParleyKeys.LOG_LEVEL));
    String line = onlyLine(run.lines("ERROR"));
    assertTrue(line.contains("'verbose' for parley.log.level (config file "), line);
    assertTrue(line.contains("expected one of debug, info, warn, error, off"), line);
  }

  @Test
  void unknownDialectKeepsDefaultAndListsTheAccepted() {
    ConfigRun run = new ConfigRun().env("PARLEY_DIALECTS", "langfuse,phoenix");
    assertEquals(Arrays.asList("otel"), run.load().get(ParleyKeys.DIALECTS));
    String line = onlyLine(run.lines("ERROR"));
    assertTrue(line.contains("'langfuse,phoenix' for parley.dialects (environment variable"
        + " PARLEY_DIALECTS): expected a comma-separated list of otel, openinference, langfuse"),
        line);
    assertTrue(line.endsWith("; using default otel"), line);
  }

  @Test
  void dialectsListContinuesAcrossAgentArgumentCommas() {
    ConfigRun run = new ConfigRun().agentArgs("parley.dialects=langfuse,openinference,parley.log.level=warn");
    ParleyConfig config = run.load();
    assertEquals(Arrays.asList("langfuse", "openinference"), config.get(ParleyKeys.DIALECTS));
    assertEquals("warn", config.get(ParleyKeys.LOG_LEVEL));
  }

  @Test
  void blankValueForAKeyWithADefaultKeepsDefault() {
    ConfigRun run = new ConfigRun().env("PARLEY_TURN_HEADER", " ");
    assertEquals("X-Turn-Number", run.load().get(ParleyKeys.TURN_HEADER));
    assertTrue(onlyLine(run.lines("ERROR")).contains("parley.turn.header"));
  }

  @Test
  void invalidHigherSourceFallsBackToDefaultNotToALowerSource() {
    ConfigRun run = new ConfigRun()
        .property("parley.session.max", "many")
        .env("PARLEY_SESSION_MAX", "5");
    assertEquals(10000, run.load().get(ParleyKeys.SESSION_MAX));
  }

  @Test
  void badValueOfOneKeyLeavesTheOthersAlone() {
    ParleyConfig config = new ConfigRun()
        .property("parley.session.max", "many")
        .property("parley.session.timeout", "5m")
        .load();
    assertEquals(Duration.ofMinutes(5), config.get(ParleyKeys.SESSION_TIMEOUT));
  }

  @Test
  void unknownSystemPropertyIsWarnedWithTheClosestKey() {
    ConfigRun run = new ConfigRun().property("parley.sesion.timeout", "5m");
    run.load();
    assertEquals(
        "[parley] WARN unknown configuration key 'parley.sesion.timeout' (system property);"
            + " did you mean 'parley.session.timeout'?",
        onlyLine(run.lines("WARN")));
  }

  @Test
  void unknownEnvironmentVariableSuggestsAnEnvironmentVariable() {
    ConfigRun run = new ConfigRun().env("PARLEY_USER_HASH_KYE", "x");
    run.load();
    assertEquals(
        "[parley] WARN unknown configuration key 'PARLEY_USER_HASH_KYE' (environment variable);"
            + " did you mean 'PARLEY_USER_HASH_KEY'?",
        onlyLine(run.lines("WARN")));
  }

  @Test
  void unknownFileKeyIsWarnedAsWritten() throws IOException {
    Path file = yaml(dir, "session:", "  timeot: 5m");
    ConfigRun run = new ConfigRun().file(file);
    run.load();
    assertEquals(
        "[parley] WARN unknown configuration key 'session.timeot' (config file " + file + ");"
            + " did you mean 'session.timeout'?",
        onlyLine(run.lines("WARN")));
  }

  @Test
  void unknownAgentArgumentIsWarned() {
    ConfigRun run = new ConfigRun().agentArgs("parley.capture.contents=true");
    run.load();
    assertTrue(onlyLine(run.lines("WARN")).contains(
        "'parley.capture.contents' (agent argument); did you mean 'parley.capture.content'?"));
  }

  @Test
  void farFetchedUnknownKeyGetsNoSuggestion() {
    ConfigRun run = new ConfigRun().property("parley.frobnicate", "1");
    run.load();
    assertEquals("[parley] WARN unknown configuration key 'parley.frobnicate' (system property)",
        onlyLine(run.lines("WARN")));
  }

  @Test
  void otherSystemPropertiesAndEnvironmentAreIgnored() {
    ConfigRun run = new ConfigRun()
        .property("java.version", "17")
        .property("otel.service.name", "svc")
        .env("PATH", "/bin")
        .env("OTEL_SERVICE_NAME", "svc");
    run.load();
    assertTrue(run.lines.isEmpty(), run.lines.toString());
  }

  @Test
  void secretValueNeverAppearsInTheLog(@TempDir Path other) throws IOException {
    String secret = "s3cret-value";
    for (ConfigRun run : Arrays.asList(
        new ConfigRun().property("parley.user.hash.key", secret).env("PARLEY_USER_HASH_KEY", "x"),
        new ConfigRun().property("parley.user.hash.kee", secret),
        new ConfigRun().agentArgs("parley.user.hash.key=" + secret + ",x" + secret),
        new ConfigRun().agentArgs("parley.user.hash.key:" + secret),
        new ConfigRun().file(yaml(dir, "user.hash.key: " + secret, "user.hash.kye: " + secret)),
        new ConfigRun().file(yaml(other, "user.hash.key: " + secret + "\n  : [" + secret)))) {
      run.load();
      assertTrue(run.lines.size() <= 1, run.lines.toString());
      for (String line : run.lines) {
        assertTrue(!line.contains(secret) && !line.contains("3cret"), line);
      }
    }
  }

  @Test
  void invalidSecretIsLoggedAsHidden() {
    ConfigKey<Integer> pin = ConfigKey.integer("parley.pin", 1, "A secret number.").secret();
    ConfigRun run = new ConfigRun();
    ParleyConfig config = new ConfigLoader(
            Arrays.<ConfigKey<?>>asList(pin), Arrays.<String>asList(), run.log())
        .resolve(null, Collections.singletonMap("parley.pin", "12x34"),
            Collections.<String, String>emptyMap());
    assertEquals(1, config.get(pin));
    String line = onlyLine(run.lines("ERROR"));
    assertTrue(line.startsWith("[parley] ERROR invalid value <hidden> for parley.pin"), line);
    assertTrue(!line.contains("12x34"), line);
  }
}
