package io.parley.agent;

import io.parley.agent.config.ParleyConfig;
import io.parley.agent.log.ParleyLog;
import java.util.List;

/** Logs the start-up line once both halves of the start (telemetry, instrumentations) are done. */
final class StartupReport {

  private final ParleyLog log;
  private final String version;
  private final ParleyConfig config;
  private Object exporter;
  private List<String> modules;

  StartupReport(ParleyLog log, String version, ParleyConfig config) {
    this.log = log;
    this.version = version;
    this.config = config;
  }

  synchronized void telemetryStarted(Object exporterDescription) {
    exporter = exporterDescription;
    logWhenComplete();
  }

  synchronized void instrumentationsInstalled(List<String> moduleNames) {
    modules = moduleNames;
    logWhenComplete();
  }

  private void logWhenComplete() {
    if (exporter == null || modules == null) {
      return;
    }
    log.info(
        "Parley "
            + version
            + " started; config file: "
            + (config.configFile() == null ? "none" : config.configFile())
            + "; traces exporter: "
            + exporter
            + "; instrumentations: "
            + String.join(", ", modules));
  }
}
