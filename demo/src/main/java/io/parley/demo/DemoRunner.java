package io.parley.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo: starts a fake OpenAI-compatible LLM, runs {@link ChatService} in a child JVM with the
 * Parley agent attached and exporting to a local file, has three customers chat with it, stops it,
 * and prints the sessions found in the exported spans. Needs no network and no API key; talks
 * only to 127.0.0.1.
 *
 * <p>Settings: {@code -Dparley.agent.jar=PATH} (default {@code agent/target/parley-agent.jar}),
 * {@code -Dparley.demo.telemetry=PATH} (default {@code demo-telemetry.jsonl} next to this jar);
 * other {@code -Dparley.*} properties are passed on to the agent.
 */
public final class DemoRunner {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final int WRAP_WIDTH = 100;

  private final PrintStream out = System.out;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  public static void main(String[] args) throws Exception {
    System.exit(new DemoRunner().run());
  }

  int run() throws Exception {
    Path agentJar = findAgentJar();
    if (agentJar == null) {
      return 1;
    }
    Path telemetry = telemetryFile();
    Files.createDirectories(telemetry.toAbsolutePath().getParent());
    Files.deleteIfExists(telemetry);

    try (FakeOpenAiServer llm = FakeOpenAiServer.start()) {
      out.println("Parley demo");
      out.println("  agent:     " + agentJar.toAbsolutePath());
      out.println("  fake LLM:  " + llm.baseUrl() + " (OpenAI wire format, canned answers)");
      out.println("  telemetry: " + telemetry.toAbsolutePath());
      out.println();
      out.println("Starting the chat service with -javaagent:parley-agent.jar ...");
      long started = System.nanoTime();
      ChatServiceProcess service =
          ChatServiceProcess.start(agentJar, llm.baseUrl(), agentEnvironment(telemetry), out);
      try {
        service.awaitHealthy(http, STARTUP_TIMEOUT);
        out.printf("Chat service is up after %.1f s.%n%n", (System.nanoTime() - started) / 1e9);
        converse(service);
      } catch (IOException e) {
        out.println("Demo failed: " + e.getMessage());
        service.stop(STOP_TIMEOUT);
        return 1;
      }
      out.println();
      out.println("Stopping the chat service (the agent flushes its spans at shutdown) ...");
      int exitCode = service.stop(STOP_TIMEOUT);
      if (exitCode < 0) {
        out.println("It did not stop within " + STOP_TIMEOUT.toSeconds() + " s and was killed;"
            + " the last spans may be missing.");
      }
    }

    out.println();
    SessionsReport report = SessionsReport.read(telemetry);
    out.print(report.render());
    if (report.spanCount() == 0) {
      return 1;
    }
    out.println();
    out.println("User ids are recorded hashed unless parley.user.hash=none; session ids taken from"
        + " cookies always are (a cookie is a credential).");
    out.println("The file holds OTLP/JSON, one export batch per line: an OpenTelemetry Collector"
        + " reads it with its otlpjsonfile receiver.");
    return 0;
  }

  /** The settings a user would put in the service's environment to get the file exporter. */
  private static Map<String, String> agentEnvironment(Path telemetry) {
    return Map.of(
        "OTEL_SERVICE_NAME", "parley-demo-chat",
        "OTEL_TRACES_EXPORTER", "file",
        "PARLEY_EXPORTER_FILE_PATH", telemetry.toAbsolutePath().toString(),
        "OTEL_METRICS_EXPORTER", "none",
        "OTEL_LOGS_EXPORTER", "none",
        "OTEL_BSP_SCHEDULE_DELAY", "200",
        "OPENAI_API_KEY", "sk-demo-not-a-real-key");
  }

  private void converse(ChatServiceProcess service) throws IOException, InterruptedException {
    out.println("Three customers chat at the same time, each identified differently:");
    for (DemoConversation.Customer customer : DemoConversation.CUSTOMERS) {
      out.printf("  %-6s %s%n", customer.name(), customer.sessionVia());
    }
    out.println();
    for (DemoConversation.Message message : DemoConversation.MESSAGES) {
      String name = message.from().name();
      out.printf("  %-6s > %s%s%n", name, message.text(), message.stream() ? "   (streamed)" : "");
      String reply = send(service, message);
      String indent = " ".repeat(2 + 6 + 1) + "< ";
      for (String line : wrap(reply, WRAP_WIDTH - indent.length())) {
        out.println(indent + line);
        indent = " ".repeat(indent.length());
      }
    }
  }

  private String send(ChatServiceProcess service, DemoConversation.Message message)
      throws IOException, InterruptedException {
    byte[] body =
        json.writeValueAsBytes(
            json.createObjectNode().put("message", message.text()).put("stream", message.stream()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(service.baseUrl().resolve("/chat"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    message.from().headers().forEach(request::header);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode answer = json.readTree(response.body());
    if (response.statusCode() != 200) {
      return "[HTTP " + response.statusCode() + "] " + answer.path("error").asText(response.body());
    }
    return answer.path("reply").asText();
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private Path findAgentJar() {
    String configured = System.getProperty("parley.agent.jar");
    Set<Path> candidates = new LinkedHashSet<>();
    if (configured != null) {
      candidates.add(Paths.get(configured));
    } else {
      candidates.add(Paths.get("agent", "target", "parley-agent.jar"));
      candidates.add(Paths.get("..", "agent", "target", "parley-agent.jar"));
      Path target = demoTargetDirectory();
      if (target != null && target.getParent() != null && target.getParent().getParent() != null) {
        candidates.add(target.getParent().getParent().resolve("agent/target/parley-agent.jar"));
      }
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    System.err.println("The Parley agent jar was not found; looked at:");
    for (Path candidate : candidates) {
      System.err.println("  " + candidate.toAbsolutePath().normalize());
    }
    System.err.println("Run mvn package first, from the repository root:");
    System.err.println("  mvn -B -q -DskipTests package && java -jar demo/target/parley-demo.jar");
    System.err.println("or name the jar with -Dparley.agent.jar=PATH.");
    return null;
  }

  private static Path telemetryFile() {
    String configured = System.getProperty("parley.demo.telemetry");
    if (configured != null) {
      return Paths.get(configured);
    }
    Path target = demoTargetDirectory();
    return target != null
        ? target.resolve("demo-telemetry.jsonl")
        : Paths.get("demo-telemetry.jsonl");
  }

  /** demo/target: the folder of parley-demo.jar, or the parent of target/classes in an IDE. */
  private static Path demoTargetDirectory() {
    try {
      Path location =
          Paths.get(DemoRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.getParent();
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
