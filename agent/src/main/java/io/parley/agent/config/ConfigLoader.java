package io.parley.agent.config;

import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Builds the {@link ParleyConfig} from, highest precedence first: {@code parley.*} system
 * properties, agent arguments, {@code PARLEY_*} environment variables, the YAML file named by
 * {@code parley.config}, built-in defaults. Never throws: problems are logged and defaults apply.
 */
public final class ConfigLoader {

  private static final String ENV_PREFIX = "PARLEY_";
  private static final int MAX_QUOTED_LENGTH = 120;

  /** A value as one source gave it, before parsing. */
  private static final class Setting {
    final String text;
    final ConfigSource source;
    final String where; // for log lines, e.g. "environment variable PARLEY_SESSION_TIMEOUT"

    Setting(String text, ConfigSource source, String where) {
      this.text = text;
      this.source = source;
      this.where = where;
    }
  }

  private final List<ConfigKey<?>> keys;
  private final List<String> sections;
  private final ParleyLog log;
  private final Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
  private final Map<String, ConfigKey<?>> byEnvName = new LinkedHashMap<>();
  private final Map<String, Setting> settings = new HashMap<>();

  ConfigLoader(List<ConfigKey<?>> keys, List<String> sections, ParleyLog log) {
    this.keys = keys;
    this.sections = sections;
    this.log = log;
    for (ConfigKey<?> key : keys) {
      byName.put(key.name(), key);
      byEnvName.put(key.envName(), key);
    }
  }

  /** Loads the {@link ParleyKeys} from the given sources; {@code agentArgs} may be null. */
  public static ParleyConfig load(
      String agentArgs,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      ParleyLog log) {
    return new ConfigLoader(ParleyKeys.ALL, ParleyKeys.SECTIONS, log)
        .resolve(agentArgs, systemProperties, environment);
  }

  /** Loads from this JVM's system properties and environment. */
  public static ParleyConfig loadFromSystem(String agentArgs, ParleyLog log) {
    Map<String, String> properties = new HashMap<>();
    Map<String, String> environment = Collections.emptyMap();
    try {
      Properties system = System.getProperties();
      for (String name : system.stringPropertyNames()) {
        properties.put(name, system.getProperty(name));
      }
      environment = System.getenv();
    } catch (SecurityException e) {
      log.warn("cannot read system properties or environment (" + e + "); using what was read");
    }
    return load(agentArgs, properties, environment, log);
  }

  ParleyConfig resolve(
      String agentArgs, Map<String, String> systemProperties, Map<String, String> environment) {
    try {
      return resolveOrThrow(agentArgs, systemProperties, environment);
    } catch (RuntimeException e) {
      // a bug here must not stop the application
      log.error("configuration could not be loaded (" + e.getClass().getName()
          + "); using the built-in defaults");
      return ParleyConfig.defaults();
    }
  }

  private ParleyConfig resolveOrThrow(
      String agentArgs, Map<String, String> systemProperties, Map<String, String> environment) {
    settings.clear();
    Map<String, String> properties = sorted(systemProperties);
    for (Map.Entry<String, String> property : properties.entrySet()) {
      if (property.getKey().startsWith(ConfigKey.PREFIX)) {
        offer(property.getKey(), property.getValue(), ConfigSource.SYSTEM_PROPERTY,
            "system property");
      }
    }
    Map<String, String> otelFromAgentArgs = new LinkedHashMap<>();
    for (Map.Entry<String, String> arg : AgentArguments.parse(agentArgs, byName, log).entrySet()) {
      if (arg.getKey().startsWith("otel.")) {
        if (!properties.containsKey(arg.getKey())) {
          otelFromAgentArgs.put(arg.getKey(), arg.getValue());
        }
      } else {
        offer(arg.getKey(), arg.getValue(), ConfigSource.AGENT_ARGUMENT, "agent argument");
      }
    }
    for (Map.Entry<String, String> variable : sorted(environment).entrySet()) {
      if (variable.getKey().startsWith(ENV_PREFIX)) {
        offerEnvironment(variable.getKey(), variable.getValue());
      }
    }
    ConfigFile file = readFile();
    if (file != null) {
      offerFile(file);
    }
    Map<String, Object> values = new HashMap<>();
    Map<String, ConfigSource> sources = new HashMap<>();
    for (ConfigKey<?> key : keys) {
      Setting setting = settings.get(key.name());
      if (setting != null && accept(key, setting, values)) {
        sources.put(key.name(), setting.source);
      }
    }
    return new ParleyConfig(
        values,
        sources,
        file == null ? null : file.path(),
        file == null ? Collections.<String, String>emptyMap() : file.otel(),
        otelFromAgentArgs,
        file == null ? Collections.<String, Map<String, Object>>emptyMap() : file.sections());
  }

  /** Records a setting unless a higher-precedence source already gave this key one. */
  private void offer(String name, String text, ConfigSource source, String where) {
    if (!byName.containsKey(name)) {
      warnUnknown(name, where, KeySuggestion.closest(name, byName.keySet(), ConfigKey.PREFIX));
    } else if (!settings.containsKey(name)) {
      settings.put(name, new Setting(text, source, where));
    }
  }

  private void offerEnvironment(String variable, String text) {
    ConfigKey<?> key = byEnvName.get(variable);
    if (key == null) {
      warnUnknown(variable, "environment variable",
          KeySuggestion.closest(variable, byEnvName.keySet(), ENV_PREFIX));
    } else if (!settings.containsKey(key.name())) {
      settings.put(key.name(),
          new Setting(text, ConfigSource.ENVIRONMENT, "environment variable " + variable));
    }
  }

  private void offerFile(ConfigFile file) {
    String where = "config file " + file.path();
    List<String> shortNames = new ArrayList<>(sections);
    for (String name : byName.keySet()) {
      shortNames.add(name.substring(ConfigKey.PREFIX.length()));
    }
    for (Map.Entry<String, ConfigFile.Entry> entry : file.entries().entrySet()) {
      String name = entry.getKey();
      String written = entry.getValue().written;
      if (name.equals(ParleyKeys.CONFIG.name())) {
        log.warn("ignoring '" + written + "' in " + where
            + ": only a system property, agent argument or environment variable can name the file");
      } else if (!byName.containsKey(name)) {
        String shortName = name.substring(ConfigKey.PREFIX.length());
        warnUnknown(written, where, KeySuggestion.closest(shortName, shortNames, ""));
      } else if (!settings.containsKey(name)) {
        settings.put(name, new Setting(entry.getValue().text, ConfigSource.FILE, where));
      }
    }
  }

  private ConfigFile readFile() {
    Setting setting = settings.get(ParleyKeys.CONFIG.name());
    if (setting == null) {
      return null;
    }
    String path;
    try {
      path = ParleyKeys.CONFIG.parse(setting.text);
    } catch (IllegalArgumentException e) {
      return null; // reported with the other invalid values
    }
    String namedBy = setting.source == ConfigSource.ENVIRONMENT
        ? setting.where // already names the variable
        : setting.where + " " + ParleyKeys.CONFIG.name();
    return path == null ? null : ConfigFile.read(path, namedBy, sections, log);
  }

  /** Parses the setting into {@code values}; a bad value is one error line, and the default. */
  private <T> boolean accept(ConfigKey<T> key, Setting setting, Map<String, Object> values) {
    try {
      values.put(key.name(), key.parse(setting.text));
      return true;
    } catch (IllegalArgumentException e) {
      String value = key.isSecret() ? "<hidden>" : "'" + quote(setting.text) + "'";
      log.error("invalid value " + value + " for " + key.name() + " (" + setting.where + "): "
          + key.expectation() + "; using default " + key.display(key.defaultValue()));
      return false;
    }
  }

  private void warnUnknown(String name, String where, String suggestion) {
    log.warn("unknown configuration key '" + quote(name) + "' (" + where + ")"
        + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
  }

  /** Keeps a quoted value on one readable line. */
  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder();
    for (int i = 0; i < text.length() && i < MAX_QUOTED_LENGTH; i++) {
      char c = text.charAt(i);
      quoted.append(Character.isISOControl(c) ? '?' : c);
    }
    return text.length() > MAX_QUOTED_LENGTH ? quoted.append("...").toString() : quoted.toString();
  }

  private static Map<String, String> sorted(Map<String, String> source) {
    Map<String, String> sorted = new TreeMap<>();
    if (source != null) {
      for (Map.Entry<String, String> entry : source.entrySet()) {
        if (entry.getKey() != null && entry.getValue() != null) {
          sorted.put(entry.getKey(), entry.getValue());
        }
      }
    }
    return sorted;
  }
}
