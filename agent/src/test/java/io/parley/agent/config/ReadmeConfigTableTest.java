package io.parley.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class ReadmeConfigTableTest {

  private static final String HOW_TO_REGENERATE =
      "the configuration table in README.md is out of date with ParleyKeys; regenerate it from"
          + " the repository root with: mvn -q -o -pl agent -am compile && java -cp"
          + " agent/target/classes io.parley.agent.config.ConfigTable README.md";

  @Test
  void readmeTableMatchesTheDeclaredKeys() throws IOException {
    // surefire runs in the agent module's directory; the README is at the repository root
    String readme =
        new String(Files.readAllBytes(Paths.get("..", "README.md")), StandardCharsets.UTF_8);
    String table = ConfigTable.currentTable(readme);
    assertNotNull(table, "README.md lacks the config-table markers; " + HOW_TO_REGENERATE);
    assertEquals(ConfigTable.markdown().trim(), table.trim(), HOW_TO_REGENERATE);
  }
}
