package io.parley.smoke.llm;

import io.parley.smoke.InstrumentedApp;
import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.otlp.OtlpHttpReceiver;
import io.parley.smoke.secrets.SecretScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The llm-jdk smoke application launched with the agent, exporting to a receiver of the test, and
 * a client that asks it to make LLM calls and returns exactly the bytes it answered.
 */
final class LlmJdkApp {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private LlmJdkApp() {}

  /** The application's answer: status, upstream status and raw body bytes. */
  record Answer(int status, String upstreamStatus, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Path jar() {
    String value = System.getProperty("parley.smoke.llmJdkJar");
    if (value == null) {
      throw new IllegalStateException("parley.smoke.llmJdkJar is not set; run the smoke tests through Maven");
    }
    Path jar = Path.of(value);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; build smoke-tests/apps/llm-jdk first");
    }
    return jar;
  }

  /**
   * Launches the application on {@code java}; {@code llmHosts} are the extra LLM hosts the agent is
   * told about (the fake Ollama is not on port 11434).
   */
  static InstrumentedApp launch(String name, Path java, String apiKey, String llmHosts) {
    OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
    try {
      AgentJvm jvm =
          AgentJvm.app(name, jar())
              .java(java)
              .otlp(receiver.endpoint(), "http/protobuf")
              .systemProperty("llm.apiKey", apiKey)
              .secret(SecretScan.API_KEY, apiKey)
              .systemProperty("parley.llm.hosts", llmHosts)
              .appArgs(port -> List.of("--server.port=" + port))
              .start();
      return new InstrumentedApp(jvm, receiver.telemetry(), receiver);
    } catch (RuntimeException | Error e) {
      receiver.close();
      throw e;
    }
  }

  /** {@code path} with {@code base} appended as a query parameter. */
  static String withBase(String path, String base) {
    return path + (path.contains("?") ? "&" : "?") + "base=" + URLEncoder.encode(base, StandardCharsets.UTF_8);
  }

  /** GET with headers given as name, value, ...; the body as raw bytes. */
  static Answer get(InstrumentedApp app, String path, String... headerNamesAndValues) {
    URI uri = app.jvm().uri(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
    SecretScan.headersSent(uri.getPort(), headerNamesAndValues);
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
    }
    try {
      HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("X-Upstream-Status").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + " failed\n" + app.jvm().diagnostics(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POSTs {@code json} to {@code url} from the test JVM (no agent): the reference answer. */
  static HttpResponse<byte[]> postDirectly(String url, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
