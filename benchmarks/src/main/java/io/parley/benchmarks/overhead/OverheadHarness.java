package io.parley.benchmarks.overhead;

import io.parley.fakellm.FakeLlmProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end overhead harness: launches the same Spring Boot application with no agent, with
 * Parley and with the OpenTelemetry Java agent, interleaved round by round (A B C A B C ...) so
 * that drift of the machine hits all three alike, against a fake LLM provider and an OTLP sink
 * served from this JVM on 127.0.0.1; prints a markdown table of the medians over rounds.
 * Progress goes to stderr, the report to stdout and to {@code <out>/results.md}; every round's
 * raw numbers to {@code <out>/rounds.csv}. Run it with {@code benchmarks/overhead.sh}.
 */
public final class OverheadHarness {

  static final String PLAIN = "/hello";
  static final String CHAT = "/chat";
  static final String STREAM = "/chat/stream";
  static final String PACED_STREAM = "/chat/stream?paced=true";

  /** Command-line options, {@code --name=value}. */
  static final class Options {
    Path app = Paths.get("benchmarks/app/target/parley-benchmark-app.jar");
    Path parley = Paths.get("agent/target/parley-agent.jar");
    Path otel = Paths.get("benchmarks/target/otel/opentelemetry-javaagent.jar");
    Path out = Paths.get("benchmarks/target/overhead");
    List<String> variants = Arrays.asList("none", "parley", "otel");
    int rounds = 3;
    int concurrency = 8;
    long jitWarmupMillis = 20_000;
    long warmupMillis = 12_000;
    long measureMillis = 6_000;
    int firstChunks = 50;
    long eventDelayMillis = 5;
    int requestsPerSession = 20;
    String heap = "512m";
    List<String> paths = Arrays.asList(PLAIN, CHAT, STREAM);
    List<String> extraJvmOptions = new ArrayList<>();

    static Options parse(String[] args) {
      Options o = new Options();
      for (String arg : args) {
        int eq = arg.indexOf('=');
        String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
        String value = eq > 0 ? arg.substring(eq + 1) : "";
        switch (name) {
          case "app": o.app = Paths.get(value); break;
          case "parley": o.parley = Paths.get(value); break;
          case "otel": o.otel = Paths.get(value); break;
          case "out": o.out = Paths.get(value); break;
          case "variants": o.variants = Arrays.asList(value.split(",")); break;
          case "rounds": o.rounds = Integer.parseInt(value); break;
          case "concurrency": o.concurrency = Integer.parseInt(value); break;
          case "jit-warmup-seconds": o.jitWarmupMillis = (long) (Double.parseDouble(value) * 1000); break;
          case "warmup-seconds": o.warmupMillis = (long) (Double.parseDouble(value) * 1000); break;
          case "measure-seconds": o.measureMillis = (long) (Double.parseDouble(value) * 1000); break;
          case "first-chunks": o.firstChunks = Integer.parseInt(value); break;
          case "event-delay-ms": o.eventDelayMillis = Long.parseLong(value); break;
          case "requests-per-session": o.requestsPerSession = Integer.parseInt(value); break;
          case "heap": o.heap = value; break;
          case "paths": o.paths = Arrays.asList(value.split(",")); break;
          case "jvm-option": o.extraJvmOptions.add(value); break;
          case "quick":
            o.rounds = 1;
            o.jitWarmupMillis = 5_000;
            o.warmupMillis = 1_000;
            o.measureMillis = 3_000;
            o.firstChunks = 10;
            break;
          default:
            throw new IllegalArgumentException("unknown option " + arg + "; see docs/performance.md");
        }
      }
      return o;
    }
  }

  private OverheadHarness() {}

  /**
   * The plain endpoint last: on 2 cores the compilation the LLM endpoints trigger goes on for
   * tens of seconds, and the plain endpoint, the cheapest per request, is the one it distorts
   * most (docs/performance.md, "Request path").
   */
  static List<String> measurementOrder(List<String> paths) {
    List<String> order = new ArrayList<>(paths);
    if (order.remove(PLAIN)) {
      order.add(PLAIN);
    }
    return order;
  }

  public static void main(String[] args) throws Exception {
    // the JDK's HTTP server (fake provider, OTLP sink) otherwise leaves Nagle's algorithm on, and
    // its separate header and body writes meet the client's delayed ACK: 40 ms per response
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Options o = Options.parse(args);
    PrintStream log = System.err;
    Files.createDirectories(o.out.resolve("logs"));
    List<Variant> variants = new ArrayList<>();
    for (String name : o.variants) {
      switch (name) {
        case "none": variants.add(new Variant("none", "no agent", null)); break;
        case "parley": variants.add(new Variant("parley", "Parley", existing(o.parley))); break;
        case "otel":
          variants.add(new Variant("otel", "OpenTelemetry agent", existing(o.otel)));
          break;
        default: throw new IllegalArgumentException("unknown variant " + name);
      }
    }
    existing(o.app);
    String machine = Machine.describe();
    String loadBefore = Machine.loadAverage();
    log.println("[overhead] " + machine.replace('\n', ' '));
    log.println("[overhead] load average before: " + loadBefore);

    List<LaunchResult> results = new ArrayList<>();
    long started = System.nanoTime();
    ScheduledExecutorService clearer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fake-llm-clearer");
      t.setDaemon(true);
      return t;
    });
    try (OtlpSink sink = new OtlpSink();
        FakeLlmProvider fast = FakeLlmProvider.started();
        FakeLlmProvider paced =
            new FakeLlmProvider().eventDelay(Duration.ofMillis(o.eventDelayMillis)).start()) {
      // the fake records every call; the harness never reads them, so memory stays flat
      clearer.scheduleAtFixedRate(() -> {
        fast.clear();
        paced.clear();
      }, 1, 1, TimeUnit.SECONDS);
      Map<String, String> environment = new HashMap<>();
      environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + sink.port());
      // explicit for both agents: the OpenTelemetry agent defaults to it, the plain SDK inside
      // Parley would otherwise default to grpc
      environment.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
      environment.put("OTEL_SERVICE_NAME", "parley-benchmark-app");
      environment.put("OTEL_LOGS_EXPORTER", "none");
      List<String> jvm = new ArrayList<>(Arrays.asList(
          "-Xmx" + o.heap,
          "-Dbench.llm.base=" + fast.baseUrl(),
          "-Dbench.llm.pacedBase=" + paced.baseUrl()));
      jvm.addAll(o.extraJvmOptions);
      for (int round = 1; round <= o.rounds; round++) {
        for (Variant v : variants) {
          LaunchResult r = runOnce(o, v, round, jvm, environment, sink, log);
          results.add(r);
          log.printf(Locale.ROOT,
              "[overhead] round %d %-6s startup %5.0f ms (cpu %5.0f ms) | %s | rss %.0f MB | first chunk app %.2f ms,"
                  + " client %.2f ms | exports: %d trace, %d metric requests%n",
              round, v.name, r.startupMillis, r.startupCpuMillis, loads(r), r.rssMb, r.firstChunkAppMillis,
              r.firstChunkClientMillis, r.traceExports, r.metricExports);
        }
      }
    } finally {
      clearer.shutdownNow();
    }
    long minutes = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String report = report(o, variants, results, machine, loadBefore, Machine.loadAverage(), minutes);
    System.out.println(report);
    Files.write(o.out.resolve("results.md"), report.getBytes(StandardCharsets.UTF_8));
    Files.write(o.out.resolve("rounds.csv"), csv(results).getBytes(StandardCharsets.UTF_8));
    log.println("[overhead] wrote " + o.out.resolve("results.md") + " and rounds.csv");
  }

  private static LaunchResult runOnce(Options o, Variant v, int round, List<String> jvm,
      Map<String, String> environment, OtlpSink sink, PrintStream log) throws Exception {
    LaunchResult result = new LaunchResult(v, round);
    sink.reset();
    Path appLog = o.out.resolve("logs").resolve(v.name + "-round" + round + ".log");
    LaunchedApp app = LaunchedApp.start(v, o.app, jvm, cleanEnvironment(environment), appLog, 180_000);
    try {
      result.startupMillis = app.startupNanos / 1e6;
      result.startupCpuMillis = app.startupCpuMillis;
      String prefix = v.name + "-r" + round;
      // on 2 cores the JIT needs tens of seconds of load before a Spring Boot service runs
      // compiled code, more with an agent's advice inlined into its hot methods; every endpoint
      // at once, not measured (the table also shows CPU without the compiler threads)
      LoadRun.run(app, o.paths, prefix + "-jit", o.concurrency, o.jitWarmupMillis, 0,
          o.requestsPerSession);
      for (String path : measurementOrder(o.paths)) {
        LoadRun.Result load = LoadRun.run(app, path, prefix + path, o.concurrency, o.warmupMillis,
            o.measureMillis, o.requestsPerSession);
        log.printf("[overhead] round %d %s %s cpu by thread:%s%n", round, v.name, path, load.threadCpu);
        if (load.errors > 0) {
          log.printf("[overhead] round %d %s %s: %d errors%n", round, v.name, path, load.errors);
        }
        result.loads.put(path, load);
      }
      result.rssMb = app.rssKb() / 1024.0;
      LoadRun.FirstChunks chunks = LoadRun.firstChunks(app, PACED_STREAM, o.firstChunks);
      result.firstChunkClientMillis = Samples.median(chunks.clientNanos) / 1e6;
      result.firstChunkAppMillis = Samples.median(chunks.appNanos) / 1e6;
    } finally {
      app.close();
    }
    result.traceExports = sink.traceRequests.get();
    result.metricExports = sink.metricRequests.get();
    result.exportedBytes = sink.bytes.get();
    return result;
  }

  /** The settings given, and none of the caller's OTEL_*, PARLEY_* or JVM option variables. */
  private static Map<String, String> cleanEnvironment(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    for (String name : System.getenv().keySet()) {
      if (name.startsWith("OTEL_") || name.startsWith("PARLEY_")
          || name.equals("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS")
          || name.equals("_JAVA_OPTIONS")) {
        env.put(name, null);
      }
    }
    env.putAll(settings);
    return env;
  }

  private static String loads(LaunchResult r) {
    StringBuilder s = new StringBuilder();
    for (LoadRun.Result l : r.loads.values()) {
      if (s.length() > 0) {
        s.append(" | ");
      }
      s.append(String.format(Locale.ROOT, "%s %.0f/s p50 %.2f p99 %.2f ms %.0f µs cpu %.1f KB/req",
          l.path, l.throughput(), l.p50Millis(), l.p99Millis(), l.cpuMicrosPerRequest(),
          l.allocatedKbPerRequest()));
    }
    return s.toString();
  }

  private static String report(Options o, List<Variant> variants, List<LaunchResult> results,
      String machine, String loadBefore, String loadAfter, long seconds) {
    ResultsTable table = new ResultsTable(variants, results);
    StringBuilder out = new StringBuilder();
    out.append("## Overhead: ")
        .append(DateTimeFormatter.ISO_LOCAL_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append("\n\n");
    out.append(machine).append('\n');
    out.append(String.format(Locale.ROOT,
        "Load average (1, 5, 15 min) before: %s; after: %s. %d rounds, interleaved %s; %d s"
            + " in all.%n",
        loadBefore, loadAfter, o.rounds, String.join(" ", o.variants), seconds));
    out.append(String.format(Locale.ROOT,
        "Each launch: `-Xmx%s`; %.0f s of JIT warm-up on all endpoints at once, then per endpoint %d"
            + " concurrent keep-alive clients, %.0f s warm-up and %.0f s measured; %d paced streams"
            + " for the first chunk (provider event delay %d ms).%n%n",
        o.heap, o.jitWarmupMillis / 1000.0, o.concurrency, o.warmupMillis / 1000.0,
        o.measureMillis / 1000.0, o.firstChunks, o.eventDelayMillis));
    out.append(table.markdown(o.paths)).append('\n');
    out.append(targets(table)).append('\n');
    return out.toString();
  }

  private static String targets(ResultsTable table) {
    Variant none = table.find("none");
    Variant parley = table.find("parley");
    Variant otel = table.find("otel");
    StringBuilder out = new StringBuilder("Targets:\n\n");
    if (none != null && parley != null && table.hasPath(PLAIN)) {
      double base = table.median(none, r -> r.loads.get(PLAIN).throughput());
      double mine = table.median(parley, r -> r.loads.get(PLAIN).throughput());
      out.append(check(mine >= 0.97 * base, String.format(Locale.ROOT,
          "Parley's `%s` throughput ≥ 97 %% of no agent: %.1f %%", PLAIN, 100 * mine / base)));
      if (otel != null) {
        double theirs = table.median(otel, r -> r.loads.get(PLAIN).throughput());
        out.append(check(mine > theirs, String.format(Locale.ROOT,
            "Parley's `%s` throughput above the OpenTelemetry agent's: %.0f vs %.0f req/s", PLAIN,
            mine, theirs)));
      }
    }
    if (none != null && parley != null) {
      double startup = table.median(parley, r -> r.startupMillis) - table.median(none, r -> r.startupMillis);
      out.append(check(startup < 300, String.format(Locale.ROOT,
          "Parley's startup overhead < 300 ms: %+.0f ms", startup)));
      double chunk = table.median(parley, r -> r.firstChunkAppMillis)
          - table.median(none, r -> r.firstChunkAppMillis);
      double chunkClient = table.median(parley, r -> r.firstChunkClientMillis)
          - table.median(none, r -> r.firstChunkClientMillis);
      out.append(check(chunk < 1.0, String.format(Locale.ROOT,
          "first chunk with Parley within 1 ms of no agent: %+.2f ms seen by the app, %+.2f ms"
              + " by the client", chunk, chunkClient)));
    }
    if (parley != null) {
      long bytes = parley.agentJar.toFile().length();
      out.append(check(bytes < 10_000_000L, String.format(Locale.ROOT,
          "Parley's jar < 10 MB: %,d bytes", bytes)));
    }
    return out.toString();
  }

  private static String check(boolean met, String text) {
    return "- " + (met ? "met" : "**missed**") + ": " + text + "\n";
  }

  private static String csv(List<LaunchResult> results) {
    StringBuilder out = new StringBuilder(
        "variant,round,startup_ms,startup_cpu_ms,path,throughput_rps,p50_ms,p99_ms,cpu_us_per_request,"
            + "cpu_us_per_request_without_jit,"
            + "alloc_kb_per_request,errors,"
            + "rss_mb,first_chunk_app_ms,first_chunk_client_ms,trace_exports,metric_exports\n");
    for (LaunchResult r : results) {
      for (LoadRun.Result l : r.loads.values()) {
        out.append(String.format(Locale.ROOT, "%s,%d,%.1f,%.0f,%s,%.1f,%.3f,%.3f,%.1f,%.1f,%.2f,%d,%.1f,%.3f,%.3f,%d,%d%n",
            r.variant.name, r.round, r.startupMillis, r.startupCpuMillis, l.path, l.throughput(), l.p50Millis(),
            l.p99Millis(), l.cpuMicrosPerRequest(), l.cpuMicrosPerRequestWithoutJit(),
            l.allocatedKbPerRequest(), l.errors, r.rssMb, r.firstChunkAppMillis,
            r.firstChunkClientMillis, r.traceExports, r.metricExports));
      }
    }
    return out.toString();
  }

  private static Path existing(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new IOException(path.toAbsolutePath() + " not found; build first (see docs/performance.md)");
    }
    return path;
  }
}
