package io.parley.agent.config;

/** Where a configuration value came from, highest precedence first. */
public enum ConfigSource {
  /** A {@code -Dparley.*} system property. */
  SYSTEM_PROPERTY,
  /** A {@code -javaagent:parley-agent.jar=key=value} argument; a real system property wins. */
  AGENT_ARGUMENT,
  /** A {@code PARLEY_*} environment variable. */
  ENVIRONMENT,
  /** The YAML file named by {@code parley.config}. */
  FILE,
  /** The built-in default, also used when the configured value was invalid. */
  DEFAULT
}
