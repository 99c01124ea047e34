package io.parley.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** The README's configuration table, generated in Markdown from {@link ParleyKeys#ALL}. */
public final class ConfigTable {

  static final String START = "<!-- config-table:start -->";
  static final String END = "<!-- config-table:end -->";

  private ConfigTable() {}

  /**
   * Rewrites the table between the markers of the README at {@code args[0]}. Run from the
   * repository root after compiling: {@code java -cp agent/target/classes
   * io.parley.agent.config.ConfigTable README.md}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ConfigTable <path of README.md>");
      System.exit(2);
    }
    Path readme = Paths.get(args[0]);
    String text = new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);
    Files.write(readme, replaceTable(text).getBytes(StandardCharsets.UTF_8));
  }

  /** The table for {@code keys}: Key | Environment variable | Type | Default | Description. */
  public static String markdown(List<ConfigKey<?>> keys) {
    StringBuilder table = new StringBuilder()
        .append("| Key | Environment variable | Type | Default | Description |\n")
        .append("|---|---|---|---|---|\n");
    for (ConfigKey<?> key : keys) {
      table.append("| `").append(key.name())
          .append("` | `").append(key.envName())
          .append("` | ").append(cell(key.typeLabel()))
          .append(" | ").append(defaultCell(key))
          .append(" | ").append(cell(key.description()))
          .append(" |\n");
    }
    return table.toString();
  }

  /** The table for every key of the agent. */
  public static String markdown() {
    return markdown(ParleyKeys.ALL);
  }

  /** The text between the markers of {@code readme}, or null when the markers are missing. */
  static String currentTable(String readme) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      return null;
    }
    return readme.substring(start + START.length(), end);
  }

  /** {@code readme} with the generated table between its markers. */
  static String replaceTable(String readme) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("the README has no " + START + " ... " + END + " markers");
    }
    return readme.substring(0, start + START.length()) + "\n" + markdown()
        + readme.substring(end);
  }

  private static <T> String defaultCell(ConfigKey<T> key) {
    if (key.isSecret() || key.defaultValue() == null) {
      return "(none)";
    }
    String value = key.format(key.defaultValue());
    return value.isEmpty() ? "(empty)" : "`" + cell(value) + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
