package io.parley.agent.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The agent's configuration as loaded at start: immutable, every key typed and valid. */
public final class ParleyConfig {

  private static final ParleyConfig DEFAULTS =
      new ParleyConfig(
          Collections.<String, Object>emptyMap(),
          Collections.<String, ConfigSource>emptyMap(),
          null,
          Collections.<String, String>emptyMap(),
          Collections.<String, String>emptyMap(),
          Collections.<String, Map<String, Object>>emptyMap());

  private final Map<String, Object> values;
  private final Map<String, ConfigSource> sources;
  private final String configFile;
  private final Map<String, String> otelFromFile;
  private final Map<String, String> otelFromAgentArgs;
  private final Map<String, Map<String, Object>> sections;

  ParleyConfig(
      Map<String, Object> values,
      Map<String, ConfigSource> sources,
      String configFile,
      Map<String, String> otelFromFile,
      Map<String, String> otelFromAgentArgs,
      Map<String, Map<String, Object>> sections) {
    this.values = Collections.unmodifiableMap(new HashMap<>(values));
    this.sources = Collections.unmodifiableMap(new HashMap<>(sources));
    this.configFile = configFile;
    this.otelFromFile = Collections.unmodifiableMap(new LinkedHashMap<>(otelFromFile));
    this.otelFromAgentArgs = Collections.unmodifiableMap(new LinkedHashMap<>(otelFromAgentArgs));
    Map<String, Map<String, Object>> sectionCopies = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> section : sections.entrySet()) {
      sectionCopies.put(
          section.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(section.getValue())));
    }
    this.sections = Collections.unmodifiableMap(sectionCopies);
  }

  /** Every key at its built-in default, no file. */
  public static ParleyConfig defaults() {
    return DEFAULTS;
  }

  /** The value of {@code key}; its default when it was not set or its setting was invalid. */
  @SuppressWarnings("unchecked") // values are stored by the key that parsed them
  public <T> T get(ConfigKey<T> key) {
    return values.containsKey(key.name()) ? (T) values.get(key.name()) : key.defaultValue();
  }

  /** Where the value of {@code key} came from. */
  public ConfigSource sourceOf(ConfigKey<?> key) {
    ConfigSource source = sources.get(key.name());
    return source == null ? ConfigSource.DEFAULT : source;
  }

  /** The configuration file actually read, as it was named; null when none was (or it failed). */
  public String configFile() {
    return configFile;
  }

  /**
   * Every {@code otel.*} entry of the configuration file, flattened ({@code otel.service.name} to
   * its text); meant as the lowest-precedence defaults of the OpenTelemetry SDK autoconfigure.
   */
  public Map<String, String> otelFromFile() {
    return otelFromFile;
  }

  /**
   * The {@code otel.*} agent arguments, to apply with system-property precedence; those a real
   * system property of the same name already sets are left out, since that property wins.
   */
  public Map<String, String> otelFromAgentArgs() {
    return otelFromAgentArgs;
  }

  /**
   * A registered raw section of the configuration file (see {@link ParleyKeys#SECTIONS}), such as
   * {@code prices}: read-only nested maps, lists and scalars; empty when absent.
   */
  public Map<String, Object> fileSection(String name) {
    Map<String, Object> section = sections.get(name);
    return section == null ? Collections.<String, Object>emptyMap() : section;
  }

  /** Every key of {@link ParleyKeys#ALL} with its value and source; secrets are hidden. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("ParleyConfig{");
    String separator = "";
    for (ConfigKey<?> key : ParleyKeys.ALL) {
      text.append(separator).append(key.name()).append('=').append(display(key))
          .append(" (").append(sourceOf(key).name().toLowerCase(Locale.ROOT)).append(')');
      separator = ", ";
    }
    return text.append('}').toString();
  }

  private <T> String display(ConfigKey<T> key) {
    return key.display(get(key));
  }
}
