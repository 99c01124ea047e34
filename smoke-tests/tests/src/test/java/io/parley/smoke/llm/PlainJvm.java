package io.parley.smoke.llm;

import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.launch.SmokeEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The same application jar launched WITHOUT the agent, as the baseline of "the application sees
 * exactly what it would without Parley".
 */
final class PlainJvm implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path stdout;

  private PlainJvm(Process process, int port, Path stdout) {
    this.process = process;
    this.port = port;
    this.stdout = stdout;
  }

  static PlainJvm start(String name, Path java, Path appJar, List<String> appArgs) {
    int port = AgentJvm.freePort();
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-jar");
    command.add(appJar.toString());
    command.add("--server.port=" + port);
    command.addAll(appArgs);
    Path logDir = SmokeEnvironment.logDir();
    Path stdout = logDir.resolve(name + ".stdout.log");
    try {
      Files.createDirectories(logDir);
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("PARLEY_"));
      builder.redirectErrorStream(true);
      builder.redirectOutput(stdout.toFile());
      PlainJvm jvm = new PlainJvm(builder.start(), port, stdout);
      jvm.awaitServing();
      return jvm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  private void awaitServing() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the plain application exited:\n" + output());
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) uri("/ready").toURL().openConnection();
        connection.setConnectTimeout(1000);
        if (connection.getResponseCode() > 0) {
          connection.disconnect();
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
    throw new AssertionError("the plain application did not answer in time:\n" + output());
  }

  String output() {
    try {
      return Files.exists(stdout) ? Files.readString(stdout, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
