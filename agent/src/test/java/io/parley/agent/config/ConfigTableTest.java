package io.parley.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfigTableTest {

  @Test
  void startsWithTheHeader() {
    assertTrue(ConfigTable.markdown().startsWith(
        "| Key | Environment variable | Type | Default | Description |\n|---|---|---|---|---|\n"));
  }

  @Test
  void hasOneRowPerKey() {
    assertEquals(ParleyKeys.ALL.size() + 2, ConfigTable.markdown().split("\n").length);
  }

  @Test
  void durationRowShowsTheDefaultAsTyped() {
    assertTrue(ConfigTable.markdown().contains(
        "| `parley.session.timeout` | `PARLEY_SESSION_TIMEOUT` | duration | `30m` | "));
  }

  @Test
  void secretDefaultIsNone() {
    ConfigKey<String> secret = ConfigKey.string("parley.token", "abc", "A token.").secret();
    assertTrue(ConfigTable.markdown(Arrays.<ConfigKey<?>>asList(secret))
        .contains("| `parley.token` | `PARLEY_TOKEN` | string | (none) | A token. |"));
  }

  @Test
  void nullDefaultIsNone() {
    assertTrue(ConfigTable.markdown()
        .contains("| `parley.config` | `PARLEY_CONFIG` | string | (none) |"));
  }

  @Test
  void enumRowListsTheAcceptedValues() {
    assertTrue(ConfigTable.markdown().contains("| one of user, off | `user` |"));
  }

  @Test
  void replacesOnlyTheTextBetweenTheMarkers() {
    String readme = "# Title\n\n" + ConfigTable.START + "\nold\n" + ConfigTable.END + "\nafter\n";
    assertEquals(
        "# Title\n\n" + ConfigTable.START + "\n" + ConfigTable.markdown() + ConfigTable.END
            + "\nafter\n",
        ConfigTable.replaceTable(readme));
  }

  @Test
  void refusesAReadmeWithoutMarkers() {
    assertThrows(IllegalArgumentException.class, () -> ConfigTable.replaceTable("# Title\n"));
  }
}
