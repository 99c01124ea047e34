package io.parley.agent.config;

import io.parley.agent.log.ParleyLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test fixture: the four sources of one load, and the log lines it wrote. */
final class ConfigRun {

  final List<String> lines = new ArrayList<>();
  private final ParleyLog log = new ParleyLog(lines::add, System::nanoTime);
  private final Map<String, String> systemProperties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();
  private String agentArgs;

  ConfigRun property(String name, String value) {
    systemProperties.put(name, value);
    return this;
  }

  ConfigRun env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  ConfigRun agentArgs(String args) {
    agentArgs = args;
    return this;
  }

  ConfigRun file(Path file) {
    return property("parley.config", file.toString());
  }

  ParleyConfig load() {
    return ConfigLoader.load(agentArgs, systemProperties, environment, log);
  }

  /** The log this run writes to, for loaders built by hand. */
  ParleyLog log() {
    return log;
  }

  /** Lines logged at {@code level} ("WARN", "ERROR"). */
  List<String> lines(String level) {
    List<String> matching = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("[parley] " + level + " ")) {
        matching.add(line);
      }
    }
    return matching;
  }

  static Path yaml(Path dir, String... lines) throws IOException {
    Path file = dir.resolve("parley.yaml");
    Files.write(file, String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
    return file;
  }
}
