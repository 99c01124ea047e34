package io.parley.smoke.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import io.parley.smoke.secrets.SecretScan;

/**
 * An application launched in its own JVM with {@code -javaagent:parley-agent.jar}, exporting OTLP to
 * a receiver of the test. Captures stdout and stderr to files under the smoke log directory, waits
 * until the application answers HTTP, and stops it on {@link #close()}.
 */
public final class AgentJvm implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Process process;
  private final int port;
  private final Path stdoutFile;
  private final Path stderrFile;
  private final List<String> command;
  private final boolean withAgent;
  private final String otlpEndpoint;
  private final boolean recordsUserIdsAsSent;
  private volatile boolean stopped;

  private AgentJvm(
      String name,
      Process process,
      int port,
      Path stdoutFile,
      Path stderrFile,
      List<String> command,
      boolean withAgent,
      String otlpEndpoint,
      boolean recordsUserIdsAsSent) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.stdoutFile = stdoutFile;
    this.stderrFile = stderrFile;
    this.command = command;
    this.withAgent = withAgent;
    this.otlpEndpoint = otlpEndpoint;
    this.recordsUserIdsAsSent = recordsUserIdsAsSent;
  }

  /** Starts describing a launch of {@code appJar}; {@code name} names the log files and the service. */
  public static Builder app(String name, Path appJar) {
    return new Builder(name, List.of("-jar", appJar.toString()));
  }

  /** Starts describing a launch of {@code mainClass} on {@code classpath} (a server's own launcher). */
  public static Builder main(String name, List<Path> classpath, String mainClass) {
    List<String> launch = new ArrayList<>();
    launch.add("-cp");
    launch.add(
        String.join(
            java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    launch.add(mainClass);
    return new Builder(name, launch);
  }

  public int port() {
    return port;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  public String name() {
    return name;
  }

  /** The operating-system process id of the application JVM. */
  public long pid() {
    return process.pid();
  }

  /** False when launched {@link Builder#withoutAgent() without the agent}. */
  public boolean hasAgent() {
    return withAgent;
  }

  /** Where the agent was told to export (OTEL_EXPORTER_OTLP_ENDPOINT). */
  public String otlpEndpoint() {
    return otlpEndpoint;
  }

  /**
   * True when this JVM was configured with {@code parley.user.hash=none}: it records user ids as
   * sent, so they are not secrets the scan looks for.
   */
  public boolean recordsUserIdsAsSent() {
    return recordsUserIdsAsSent;
  }

  public Path stdoutFile() {
    return stdoutFile;
  }

  public Path stderrFile() {
    return stderrFile;
  }

  public String stdout() {
    return read(stdoutFile);
  }

  public String stderr() {
    return read(stderrFile);
  }

  public List<String> stderrLines() {
    return stderr().lines().toList();
  }

  /** Command, exit state and both captured streams, for failure messages. */
  public String diagnostics() {
    return "--- " + name + ": " + String.join(" ", command)
        + (process.isAlive() ? "" : "\n--- exited with " + process.exitValue())
        + "\n--- stdout (" + stdoutFile + "):\n" + tail(stdout())
        + "\n--- stderr (" + stderrFile + "):\n" + tail(stderr());
  }

  /** Stops the application (SIGTERM, so shutdown hooks run; then forcibly). Idempotent. */
  @Override
  public void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(could not read " + file + ": " + e + ")";
    }
  }

  private static String tail(String text) {
    int max = 20_000;
    return text.length() <= max ? text : "...\n" + text.substring(text.length() - max);
  }

  /** What to launch and how. */
  public static final class Builder {
    private final String name;
    /** {@code -jar app.jar}, or {@code -cp ... MainClass}. */
    private final List<String> launch;
    private Path java = SmokeEnvironment.currentJava();
    private String agentArgs;
    private String otlpEndpoint;
    private String otlpProtocol = "http/protobuf";
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private IntFunction<List<String>> appArgs = port -> List.of(String.valueOf(port));
    private String readinessPath = "/ready";
    private boolean withAgent = true;
    private final List<String[]> secrets = new ArrayList<>();

    private Builder(String name, List<String> launch) {
      this.name = name;
      this.launch = launch;
    }

    public Builder java(Path javaExecutable) {
      this.java = javaExecutable;
      return this;
    }

    public Builder agentArgs(String args) {
      this.agentArgs = args;
      return this;
    }

    public Builder otlp(String endpoint, String protocol) {
      this.otlpEndpoint = endpoint;
      this.otlpProtocol = protocol;
      return this;
    }

    public Builder systemProperty(String key, String value) {
      systemProperties.put(key, value);
      return this;
    }

    public Builder env(String key, String value) {
      environment.put(key, value);
      return this;
    }

    /** Program arguments for the chosen port; default: the port as the only argument. */
    public Builder appArgs(IntFunction<List<String>> argsForPort) {
      this.appArgs = argsForPort;
      return this;
    }

    public Builder readinessPath(String path) {
      this.readinessPath = path;
      return this;
    }

    /**
     * A secret the application uses (an API key it sends upstream, ...): the secret scan fails the
     * test class when it appears in this JVM's exported telemetry or its log.
     */
    public Builder secret(String kind, String value) {
      secrets.add(new String[] {kind, value});
      return this;
    }

    /**
     * Whether the agent will record user ids as sent: {@code parley.user.hash=none} from the
     * first source that sets it, in the agent's precedence (system property, agent argument,
     * environment variable, config file).
     */
    private boolean userHashIsNone(Map<String, String> env) {
      String value = systemProperties.get("parley.user.hash");
      if (value == null && agentArgs != null) {
        for (String pair : agentArgs.split(",")) {
          if (pair.trim().startsWith("parley.user.hash=")) {
            value = pair.trim().substring("parley.user.hash=".length());
          }
        }
      }
      if (value == null) {
        value = env.get("PARLEY_USER_HASH");
      }
      if (value == null) {
        String file = systemProperties.getOrDefault("parley.config", env.get("PARLEY_CONFIG"));
        if (file != null) {
          try {
            String yaml = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            value = yaml.matches("(?s).*\\bhash:\\s*none\\b.*") ? "none" : null;
          } catch (IOException | RuntimeException e) {
            value = null;
          }
        }
      }
      return "none".equalsIgnoreCase(value == null ? null : value.trim());
    }

    /**
     * Launches the same application without {@code -javaagent}, to compare what it sees with and
     * without the agent.
     */
    public Builder withoutAgent() {
      this.withAgent = false;
      return this;
    }

    /** Launches the JVM and returns once the application answers HTTP on its port. */
    public AgentJvm start() {
      if (otlpEndpoint == null) {
        throw new IllegalStateException("no OTLP endpoint configured for " + name);
      }
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      // small, quick-starting JVMs: the machine is shared and the suite launches several
      command.add("-Xmx256m");
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-XX:+UseSerialGC");
      systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      if (withAgent) {
        Path agent = SmokeEnvironment.agentJar();
        command.add("-javaagent:" + agent + (agentArgs == null ? "" : "=" + agentArgs));
      }
      command.addAll(launch);
      command.addAll(appArgs.apply(port));

      ProcessBuilder builder = new ProcessBuilder(command);
      Map<String, String> env = builder.environment();
      // hermetic: nothing from the developer's shell configures the agent or the SDK
      env.keySet().removeIf(key -> key.startsWith("OTEL_") || key.startsWith("PARLEY_"));
      env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
      if (otlpProtocol != null) { // null: leave the protocol to the agent's default
        env.put("OTEL_EXPORTER_OTLP_PROTOCOL", otlpProtocol);
      }
      env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
      env.put("OTEL_METRICS_EXPORTER", "none");
      env.put("OTEL_LOGS_EXPORTER", "none");
      env.put("OTEL_SERVICE_NAME", name);
      env.putAll(environment);

      Path logDir = SmokeEnvironment.logDir();
      Path stdoutFile = logDir.resolve(name + ".stdout.log");
      Path stderrFile = logDir.resolve(name + ".stderr.log");
      try {
        Files.createDirectories(logDir);
        builder.redirectOutput(stdoutFile.toFile());
        builder.redirectError(stderrFile.toFile());
        AgentJvm jvm =
            new AgentJvm(
                name,
                builder.start(),
                port,
                stdoutFile,
                stderrFile,
                command,
                withAgent,
                otlpEndpoint,
                withAgent && userHashIsNone(env));
        SecretScan.launched(jvm);
        secrets.forEach(secret -> SecretScan.secretOf(jvm, secret[0], secret[1]));
        jvm.awaitServing(readinessPath);
        return jvm;
      } catch (IOException e) {
        throw new UncheckedIOException("could not launch " + command, e);
      }
    }
  }

  private void awaitServing(String readinessPath) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited before serving HTTP\n" + diagnostics());
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) uri(readinessPath).toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(10_000);
        int status = connection.getResponseCode();
        connection.disconnect();
        if (status > 0) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new AssertionError(name + " did not answer HTTP within " + START_TIMEOUT + "\n" + diagnostics());
  }

  /** A loopback port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
