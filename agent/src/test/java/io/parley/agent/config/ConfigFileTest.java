package io.parley.agent.config;

import static io.parley.agent.config.ConfigRun.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir Path dir;

  private ParleyConfig load(String... lines) throws IOException {
    ConfigRun run = new ConfigRun().file(yaml(dir, lines));
    ParleyConfig config = run.load();
    assertTrue(run.lines.isEmpty(), run.lines.toString());
    return config;
  }

  private static String onlyLine(List<String> lines) {
    assertEquals(1, lines.size(), lines.toString());
    return lines.get(0);
  }

  @Test
  void nestedDottedAndPrefixedKeysAreEquivalent() throws IOException {
    String[][] spellings = {
      {"session:", "  timeout: 10m"},
      {"session.timeout: 10m"},
      {"parley:", "  session.timeout: 10m"},
      {"parley.session.timeout: 10m"},
      {"parley:", "  session:", "    timeout: 10m"},
      {"session: {timeout: 10m}"},
    };
    for (String[] spelling : spellings) {
      assertEquals(Duration.ofMinutes(10), load(spelling).get(ParleyKeys.SESSION_TIMEOUT),
          String.join(" / ", spelling));
    }
  }

  @Test
  void userHashAndUserHashKeyCanBothBeSet() throws IOException {
    ParleyConfig config = load("user:", "  hash: none", "  hash.key: s3cret");
    assertEquals("none", config.get(ParleyKeys.USER_HASH));
    assertEquals("s3cret", config.get(ParleyKeys.USER_HASH_KEY));
  }

  @Test
  void userHashAndUserHashKeyAsTopLevelDottedKeys() throws IOException {
    ParleyConfig config = load("user.hash: none", "user.hash.key: s3cret");
    assertEquals("none", config.get(ParleyKeys.USER_HASH));
    assertEquals("s3cret", config.get(ParleyKeys.USER_HASH_KEY));
  }

  @Test
  void listsMayBeSequencesOrCommaStrings() throws IOException {
    ParleyConfig config = load(
        "session:", "  headers: [X-A, X-B]", "  cookies:", "    - sid", "    - other",
        "user.headers: 'X-U, X-V'");
    assertEquals(Arrays.asList("X-A", "X-B"), config.get(ParleyKeys.SESSION_HEADERS));
    assertEquals(Arrays.asList("sid", "other"), config.get(ParleyKeys.SESSION_COOKIES));
    assertEquals(Arrays.asList("X-U", "X-V"), config.get(ParleyKeys.USER_HEADERS));
  }

  @Test
  void emptySequenceEmptiesAList() throws IOException {
    assertEquals(Collections.emptyList(),
        load("session.cookies: []").get(ParleyKeys.SESSION_COOKIES));
  }

  @Test
  void scalarsOfAnyYamlTypeAreReadAsText() throws IOException {
    ParleyConfig config = load(
        "enabled: false", "session.max: 42", "session.timeout: 1500", "capture.content: TRUE");
    assertEquals(false, config.get(ParleyKeys.ENABLED));
    assertEquals(42, config.get(ParleyKeys.SESSION_MAX));
    assertEquals(Duration.ofMillis(1500), config.get(ParleyKeys.SESSION_TIMEOUT));
    assertEquals(true, config.get(ParleyKeys.CAPTURE_CONTENT));
  }

  @Test
  void offAndNoStayWordsNotBooleans() throws IOException {
    ParleyConfig config = load("session.derive: off", "log.level: Off");
    assertEquals("off", config.get(ParleyKeys.SESSION_DERIVE));
    assertEquals("off", config.get(ParleyKeys.LOG_LEVEL));
  }

  @Test
  void keyWithoutValueIsUnset() throws IOException {
    ParleyConfig config = load("user.hash.key:", "turn.header: ~");
    assertNull(config.get(ParleyKeys.USER_HASH_KEY));
    assertEquals("X-Turn-Number", config.get(ParleyKeys.TURN_HEADER));
  }

  @Test
  void emptyFileIsFine() throws IOException {
    assertEquals(dir.resolve("parley.yaml").toString(), load("# nothing yet").configFile());
  }

  @Test
  void otelKeysAreFlattenedToText() throws IOException {
    ParleyConfig config = load(
        "otel:",
        "  service.name: chat",
        "  exporter:",
        "    otlp: {endpoint: 'http://collector:4318', timeout: 5000}",
        "  propagators: [tracecontext, baggage]",
        "session.timeout: 5m");
    Map<String, String> otel = config.otelFromFile();
    assertEquals("chat", otel.get("otel.service.name"));
    assertEquals("http://collector:4318", otel.get("otel.exporter.otlp.endpoint"));
    assertEquals("5000", otel.get("otel.exporter.otlp.timeout"));
    assertEquals("tracecontext,baggage", otel.get("otel.propagators"));
    assertEquals(4, otel.size());
  }

  @Test
  void pricesSectionIsReturnedRawAndNotWarned() throws IOException {
    ParleyConfig config = load(
        "prices:",
        "  gpt-4.1:",
        "    input: 2.0",
        "    output: 8",
        "  my-model: {input: 0.5, output: 1.5}",
        "prices.claude-x.y: {input: 3}");
    Map<String, Object> prices = config.fileSection("prices");
    assertEquals(Arrays.asList("gpt-4.1", "my-model", "claude-x.y"),
        Arrays.asList(prices.keySet().toArray()));
    Map<?, ?> gpt = (Map<?, ?>) prices.get("gpt-4.1");
    assertEquals(2.0, gpt.get("input"));
    assertEquals(8, gpt.get("output"));
  }

  @Test
  void absentSectionIsEmpty() throws IOException {
    assertTrue(load("session.max: 3").fileSection("prices").isEmpty());
    assertTrue(ParleyConfig.defaults().fileSection("nothing").isEmpty());
  }

  @Test
  void missingFileIsOneErrorAndOtherSourcesStillApply() {
    Path missing = dir.resolve("nope.yaml");
    ConfigRun run = new ConfigRun().file(missing).env("PARLEY_SESSION_MAX", "7");
    ParleyConfig config = run.load();
    assertNull(config.configFile());
    assertEquals(7, config.get(ParleyKeys.SESSION_MAX));
    assertEquals(Duration.ofMinutes(30), config.get(ParleyKeys.SESSION_TIMEOUT));
    String line = onlyLine(run.lines);
    assertTrue(line.startsWith("[parley] ERROR cannot use configuration file '" + missing + "'"),
        line);
    assertTrue(line.contains("(named by system property parley.config): file not found"), line);
  }

  @Test
  void directoryIsOneError() {
    ConfigRun run = new ConfigRun().file(dir);
    assertNull(run.load().configFile());
    assertTrue(onlyLine(run.lines("ERROR")).contains("is a directory"));
  }

  @Test
  void malformedYamlIsOneErrorWithPathAndReasonButNoContent() throws IOException {
    Path file = yaml(dir, "session:", "  timeout: 10m", " bad-indent: [unclosed-secret-text");
    ConfigRun run = new ConfigRun().file(file);
    ParleyConfig config = run.load();
    assertNull(config.configFile());
    assertEquals(Duration.ofMinutes(30), config.get(ParleyKeys.SESSION_TIMEOUT));
    String line = onlyLine(run.lines);
    assertTrue(line.startsWith("[parley] ERROR cannot use configuration file '" + file + "'"),
        line);
    assertTrue(line.contains("malformed YAML: ") && line.contains("(line 3, column"), line);
    assertFalse(line.contains("unclosed-secret-text") || line.contains("\n"), line);
  }

  @Test
  void topLevelThatIsNotAMapIsOneError() throws IOException {
    ConfigRun run = new ConfigRun().file(yaml(dir, "- a", "- b"));
    assertNull(run.load().configFile());
    assertTrue(onlyLine(run.lines("ERROR")).contains("expected keys and values at the top level"));
  }

  @Test
  void configKeyInsideTheFileIsIgnoredWithAWarning() throws IOException {
    ConfigRun run = new ConfigRun().file(yaml(dir, "config: other.yaml"));
    run.load();
    assertTrue(onlyLine(run.lines("WARN")).contains("ignoring 'config'"));
  }
}
