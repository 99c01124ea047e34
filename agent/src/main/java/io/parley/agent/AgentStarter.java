package io.parley.agent;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.Clock;
import io.parley.agent.config.ConfigLoader;
import io.parley.agent.config.ParleyConfig;
import io.parley.agent.config.ParleyKeys;
import io.parley.agent.dialect.Dialects;
import io.parley.agent.install.InstrumentationInstaller;
import io.parley.agent.llm.GenAiMetrics;
import io.parley.agent.llm.LlmCallTracker;
import io.parley.agent.llm.LlmEndpoints;
import io.parley.agent.llm.cost.CostCalculator;
import io.parley.agent.llm.cost.PriceTable;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.propagation.OutboundHeaders;
import io.parley.agent.server.ServerRequestHooks;
import io.parley.agent.session.IdentityResolver;
import io.parley.agent.session.IdentitySettings;
import io.parley.agent.session.lifecycle.SessionMetrics;
import io.parley.agent.session.lifecycle.SessionSummarySpans;
import io.parley.agent.session.lifecycle.SessionTracker;
import io.parley.agent.telemetry.DroppedSpans;
import io.parley.agent.telemetry.ExporterDescription;
import io.parley.agent.telemetry.OtelLogForwarder;
import io.parley.agent.telemetry.TelemetrySdk;
import io.parley.bootstrap.ParleyBridge;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** Wires the agent together once the bootstrap bridge is reachable; called by {@link ParleyAgent}. */
public final class AgentStarter {

  private static final long SHUTDOWN_TIMEOUT_MILLIS = 10_000;

  private AgentStarter() {}

  public static void start(String agentArgs, Instrumentation instrumentation) {
    final ParleyLog log = ParleyLog.get();
    final ParleyConfig config =
        ConfigLoader.load(agentArgs, systemProperties(), System.getenv(), log);
    log.setLevel(ParleyLog.Level.valueOf(config.get(ParleyKeys.LOG_LEVEL).toUpperCase(Locale.ROOT)));
    final String version = version();
    if (!config.get(ParleyKeys.ENABLED)) {
      log.info("Parley " + version + " is disabled by parley.enabled=false");
      return;
    }
    // Premain only registers a cheap pre-filter; Byte Buddy, the SDK, the exporter and the hooks
    // start on another core while the application starts. A class to instrument or a call that
    // needs them sooner waits for them, as it would have waited for premain otherwise.
    final InstrumentationInstaller installer =
        InstrumentationInstaller.prepare(
            instrumentation, log, config.get(ParleyKeys.INSTRUMENTATIONS_DISABLED));
    final StartupReport report = new StartupReport(log, version, config);
    ParleyBridge.starting(new CountDownLatch(1));
    Thread starter =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                try {
                  report.instrumentationsInstalled(installer.complete());
                  report.telemetryStarted(startTelemetry(config, version, log));
                } catch (Throwable t) {
                  log.error("Parley could not start its telemetry and records nothing: " + t);
                } finally {
                  ParleyBridge.started();
                }
              }
            },
            "parley-start");
    starter.setDaemon(true);
    starter.start();
  }

  /** Starts the SDK and the session tracker, installs the bridge's hooks; returns the exporter. */
  static ExporterDescription startTelemetry(ParleyConfig config, String version, ParleyLog log) {
    DroppedSpans dropped = new DroppedSpans(log);
    OtelLogForwarder.install(relocatedOtelPackage(), log, dropped);

    Map<String, String> sdkDefaults = new HashMap<>(TelemetrySdk.parleyDefaults());
    sdkDefaults.putAll(config.otelFromFile());
    sdkDefaults.put(
        ParleyKeys.EXPORTER_FILE_PATH.name(), config.get(ParleyKeys.EXPORTER_FILE_PATH));
    final TelemetrySdk telemetry =
        TelemetrySdk.create(
            sdkDefaults,
            config.otelFromAgentArgs(),
            version,
            Dialects.of(config.get(ParleyKeys.DIALECTS)),
            dropped);
    final SessionTracker sessions = sessionTracker(config, telemetry, version, log);
    try {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    // summaries first, so that the exporter's shutdown flushes them with the rest
                    sessions.shutdown();
                    telemetry.shutdown(SHUTDOWN_TIMEOUT_MILLIS);
                  },
                  "parley-shutdown"));
    } catch (IllegalStateException exiting) {
      // the application is already exiting; nothing was recorded that a flush would send
      sessions.shutdown();
      telemetry.shutdown(0);
      return telemetry.exporter();
    }

    IdentitySettings identity = ParleySettings.identity(config);
    TextMapPropagator propagator =
        TextMapPropagator.composite(
            telemetry.propagator(), W3CBaggagePropagator.getInstance());
    ServerRequestHooks hooks =
        new ServerRequestHooks(
            telemetry.tracer(version),
            propagator,
            new IdentityResolver(identity, log),
            sessions,
            serverHeaderNames(identity, propagator),
            log);
    ParleyBridge.install(hooks);
    LlmEndpoints llmEndpoints =
        new LlmEndpoints(config.get(ParleyKeys.LLM_HOSTS), config.get(ParleyKeys.LLM_PATHS));
    LlmCallTracker llmCalls =
        new LlmCallTracker(
            telemetry.tracer(version),
            llmEndpoints,
            new CostCalculator(
                PriceTable.builtIn().withOverrides(config.fileSection("prices"))),
            sessions,
            new GenAiMetrics(telemetry.meter(version)),
            log,
            config.get(ParleyKeys.CAPTURE_CONTENT));
    ParleyBridge.installLlm(llmCalls);
    ParleyBridge.installLlmSdk(llmCalls.sdkCalls());

    if (config.get(ParleyKeys.PROPAGATION_ENABLED)) {
      ParleyBridge.installPropagation(
          new OutboundHeaders(
              telemetry.propagator(),
              llmEndpoints,
              identity,
              config.get(ParleyKeys.PROPAGATION_TO_LLM_HOSTS)));
    }
    return telemetry.exporter();
  }

  /** The session tracker: summary spans and session metrics at each session's end. */
  private static SessionTracker sessionTracker(
      ParleyConfig config, TelemetrySdk telemetry, String version, ParleyLog log) {
    SessionMetrics metrics = new SessionMetrics(telemetry.meter(version));
    SessionTracker sessions =
        new SessionTracker(
            config.get(ParleyKeys.SESSION_TIMEOUT),
            config.get(ParleyKeys.SESSION_MAX),
            Clock.getDefault(),
            Arrays.asList(new SessionSummarySpans(telemetry.tracer(version)), metrics),
            log);
    metrics.observeActive(sessions::size);
    sessions.startSweeper();
    return sessions;
  }

  /** The request headers the server advice reads: trace context, baggage, cookies, ids. */
  static String[] serverHeaderNames(IdentitySettings identity, TextMapPropagator propagator) {
    Set<String> names = new LinkedHashSet<>();
    for (String field : propagator.fields()) {
      names.add(field.toLowerCase(Locale.ROOT));
    }
    names.add("cookie");
    addAll(names, identity.sessionHeaders());
    addAll(names, identity.userHeaders());
    names.add(identity.conversationHeader().toLowerCase(Locale.ROOT));
    names.add(identity.turnHeader().toLowerCase(Locale.ROOT));
    return names.toArray(new String[0]);
  }

  private static void addAll(Set<String> names, List<String> more) {
    for (String name : more) {
      names.add(name.toLowerCase(Locale.ROOT));
    }
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> map = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      map.put(name, System.getProperty(name));
    }
    return map;
  }

  /** The package the embedded SDK was relocated to, e.g. {@code io.parley.shaded.io.opentelemetry}. */
  private static String relocatedOtelPackage() {
    String name = OpenTelemetrySdk.class.getName();
    return name.substring(0, name.length() - ".sdk.OpenTelemetrySdk".length());
  }

  static String version() {
    String version = AgentStarter.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
