package io.parley.benchmarks.overhead;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark application running in its own JVM: launched, timed to its first successful
 * response, asked for its own numbers, measured from outside ({@code /proc/<pid>/status}), and
 * stopped.
 */
final class LaunchedApp implements AutoCloseable {

  /** What {@code /bench/stats} reported. */
  static final class AppStats {
    final long allocatedBytes;
    final long[] firstChunkNanos;

    AppStats(long allocatedBytes, long[] firstChunkNanos) {
      this.allocatedBytes = allocatedBytes;
      this.firstChunkNanos = firstChunkNanos;
    }
  }

  final Variant variant;
  final int port;
  final Process process;
  /** From just before the process was started to its first 200 on {@code /hello}. */
  final long startupNanos;
  /** CPU time (user + system, all threads) the JVM had used at that moment. */
  final double startupCpuMillis;
  private final BenchHttpClient control;

  private LaunchedApp(Variant variant, int port, Process process, long startupNanos) {
    this.variant = variant;
    this.port = port;
    this.process = process;
    this.startupNanos = startupNanos;
    this.startupCpuMillis = cpuMillis(process.pid());
    this.control = new BenchHttpClient(port, 30_000);
  }

  static LaunchedApp start(
      Variant variant,
      Path appJar,
      List<String> jvmOptions,
      Map<String, String> environment,
      Path log,
      long timeoutMillis)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    if (variant.agentJar != null) {
      command.add("-javaagent:" + variant.agentJar.toAbsolutePath());
    }
    command.add("-jar");
    command.add(appJar.toAbsolutePath().toString());
    command.add("--server.port=" + port);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    byte[] hello = BenchHttpClient.get(port, "/hello");
    BenchHttpClient.Response response = new BenchHttpClient.Response();
    long start = System.nanoTime();
    Process process = builder.start();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      try (BenchHttpClient probe = new BenchHttpClient(port, 10_000)) {
        if (probe.exchange(hello, response).status == 200) {
          long startup = System.nanoTime() - start;
          return new LaunchedApp(variant, port, process, startup);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new IOException(variant + ": the application exited with " + process.exitValue()
            + " before answering; see " + log);
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException(variant + ": no answer within " + timeoutMillis + " ms; see " + log);
      }
      Thread.sleep(5);
    }
  }

  /** The application's allocation counter and first-chunk samples; {@code reset} clears those. */
  synchronized AppStats stats(boolean reset) throws IOException {
    BenchHttpClient.Response response = new BenchHttpClient.Response();
    byte[] request = BenchHttpClient.get(port, "/bench/stats?reset=" + reset);
    String body = control.exchangeText(request, response);
    long allocated = -1;
    long[] chunks = new long[0];
    for (String line : body.split("\n")) {
      if (line.startsWith("allocatedBytes=")) {
        allocated = Long.parseLong(line.substring("allocatedBytes=".length()).trim());
      } else if (line.startsWith("firstChunkNanos=")) {
        String list = line.substring("firstChunkNanos=".length()).trim();
        if (!list.isEmpty()) {
          String[] parts = list.split(",");
          chunks = new long[parts.length];
          for (int i = 0; i < parts.length; i++) {
            chunks[i] = Long.parseLong(parts[i]);
          }
        }
      }
    }
    return new AppStats(allocated, chunks);
  }

  /** Resident set size now, from {@code /proc/<pid>/status} (VmRSS), in kB; -1 if unknown. */
  long rssKb() {
    try {
      for (String line :
          Files.readAllLines(Paths.get("/proc", Long.toString(process.pid()), "status"),
              StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or gone
    }
    return -1;
  }

  /**
   * CPU time used by process {@code pid} so far, from {@code /proc/<pid>/stat} (utime + stime, in
   * clock ticks of 10 ms, the Linux default); NaN if unknown.
   */
  static double cpuMillis(long pid) {
    try {
      String stat = new String(Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "stat")),
          StandardCharsets.US_ASCII);
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 10.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** SIGTERM (the agents flush on shutdown), then SIGKILL after 15 s. */
  @Override
  public void close() throws InterruptedException {
    control.close();
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
