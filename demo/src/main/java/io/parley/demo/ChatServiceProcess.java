package io.parley.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@link ChatService} in a child JVM with the agent attached, its output shown prefixed. */
final class ChatServiceProcess {

  private static final String OUTPUT_PREFIX = "  [chat-service] ";

  private final Process process;
  private final Thread outputPump;
  private final int port;

  private ChatServiceProcess(Process process, Thread outputPump, int port) {
    this.process = process;
    this.outputPump = outputPump;
    this.port = port;
  }

  /**
   * Starts {@code java -javaagent:AGENT -cp THIS_CLASSPATH io.parley.demo.ChatService PORT LLM}
   * with {@code environment} added to a copy of this JVM's environment minus any {@code OTEL_*}
   * variables, so the demo exports only to its file whatever the shell has set.
   */
  static ChatServiceProcess start(
      Path agentJar, URI llmBaseUrl, Map<String, String> environment, PrintStream out)
      throws IOException {
    int port = freeLoopbackPort();
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + agentJar);
    // -Dparley.* settings given to the demo reach the agent
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("parley.") && !name.startsWith("parley.demo.")
          && !name.equals("parley.agent.jar")) {
        command.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChatService.class.getName());
    command.add(Integer.toString(port));
    command.add(llmBaseUrl.toString());

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    Thread pump = new Thread(() -> copyPrefixed(process, out), "chat-service-output");
    pump.setDaemon(true);
    pump.start();
    return new ChatServiceProcess(process, pump, port);
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Polls {@code GET /health} until it answers 200; fails if the process dies or time runs out. */
  void awaitHealthy(HttpClient http, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(baseUrl().resolve("/health")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "the chat service exited with code " + process.exitValue() + " (its output is above)");
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IOException("the chat service did not answer /health within " + timeout.toSeconds() + " s");
  }

  /**
   * Asks the service to stop (SIGTERM on Linux and macOS, so shutdown hooks run and the agent
   * flushes its spans) and waits for it; returns its exit code, or -1 if it had to be killed.
   */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    int exitCode = -1;
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      exitCode = process.exitValue();
    } else {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    outputPump.join(2000);
    return exitCode;
  }

  private static void copyPrefixed(Process process, PrintStream out) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        out.println(OUTPUT_PREFIX + line);
      }
    } catch (IOException ignored) {
      // the process is gone
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
