package io.parley.benchmarks.app;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A plain endpoint and two chat endpoints that each make one LLM call, as a chat service would. */
@RestController
public class BenchmarkController {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A short conversation: system prompt, two earlier turns, the new question. */
  private static final String MESSAGES =
      "[{\"role\":\"system\",\"content\":\"You are a helpful assistant for a travel agency. Answer"
          + " briefly and cite the booking reference when you know it.\"},"
          + "{\"role\":\"user\",\"content\":\"I booked a flight to Lisbon for next Tuesday.\"},"
          + "{\"role\":\"assistant\",\"content\":\"Thanks! Your booking reference is TX-4821."
          + " How can I help?\"},"
          + "{\"role\":\"user\",\"content\":\"Can I add a checked bag, and what does it cost?\"}]";

  private static final String API_KEY = "sk-parley-benchmark-key";

  private final String base = System.getProperty("bench.llm.base", "http://127.0.0.1:8090");
  private final String pacedBase = System.getProperty("bench.llm.pacedBase", base);

  @GetMapping("/hello")
  public String hello() {
    return "hello";
  }

  /** One non-streamed chat completion; answers the provider's body. */
  @GetMapping("/chat")
  public ResponseEntity<byte[]> chat() throws IOException, InterruptedException {
    HttpResponse<byte[]> upstream =
        CLIENT.send(request(base, false), HttpResponse.BodyHandlers.ofByteArray());
    return ResponseEntity.status(upstream.statusCode())
        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
        .body(upstream.body());
  }

  /**
   * One streamed chat completion, relayed to the client chunk by chunk as it arrives (flushed
   * after each read), like a chat UI backend. Records when the provider's first bytes reached
   * the application.
   */
  @GetMapping("/chat/stream")
  public void stream(@RequestParam(defaultValue = "false") boolean paced, HttpServletResponse response)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<InputStream> upstream =
        CLIENT.send(request(paced ? pacedBase : base, true), HttpResponse.BodyHandlers.ofInputStream());
    response.setStatus(upstream.statusCode());
    response.setContentType("text/event-stream");
    OutputStream out = response.getOutputStream();
    byte[] buffer = new byte[8192];
    boolean first = true;
    try (InputStream in = upstream.body()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (n == 0) {
          continue;
        }
        if (first) {
          AppStats.firstChunk(System.nanoTime() - start);
          first = false;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    }
  }

  /** What the harness reads before and after a phase; {@code reset} forgets the first chunks. */
  @GetMapping("/bench/stats")
  public String stats(@RequestParam(defaultValue = "false") boolean reset) {
    return AppStats.report(reset);
  }

  private static HttpRequest request(String base, boolean stream) {
    String json =
        "{\"model\":\"gpt-4o-mini\",\"temperature\":0.2,\"messages\":" + MESSAGES
            + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "")
            + "}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + API_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
  }
}
