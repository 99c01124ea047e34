package io.parley.smoke.app.springai;

import jakarta.annotation.PreDestroy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Raw LLM calls through Apache HttpClient 5 classic, as an application without an SDK makes them.
 * Each endpoint answers {@code status}, {@code content type}, {@code content encoding} and the
 * Base64 of every byte the application read, one per line. {@code base} overrides the provider's
 * base URL (the tests point it at a replay server).
 */
@RestController
public class RawLlmController {

  private final String baseUrl;
  private final String apiKey;
  private final CloseableHttpClient client = HttpClients.createDefault();
  private final CloseableHttpClient undecoded = HttpClients.custom().disableContentCompression().build();

  public RawLlmController(
      @Value("${llm.raw.base-url}") String baseUrl, @Value("${llm.raw.api-key}") String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /**
   * OpenAI-compatible chat completions.
   *
   * @param stream SSE instead of one JSON body
   * @param gzip ask for a gzip-compressed response
   * @param decode let HttpClient decompress (its default), else read the compressed bytes
   * @param read how the body is read: {@code utils} (EntityUtils), {@code stream} (getContent in
   *     small reads), {@code writeTo}, {@code handler} (a response handler)
   * @param body {@code string} (a repeatable entity) or {@code stream} (a one-shot InputStream)
   */
  @GetMapping("/raw/openai")
  public String openAi(
      @RequestParam(name = "model", defaultValue = "gpt-4o-mini") String model,
      @RequestParam(name = "stream", defaultValue = "false") boolean stream,
      @RequestParam(name = "gzip", defaultValue = "false") boolean gzip,
      @RequestParam(name = "decode", defaultValue = "true") boolean decode,
      @RequestParam(name = "read", defaultValue = "utils") String read,
      @RequestParam(name = "body", defaultValue = "string") String body,
      @RequestParam(name = "path", defaultValue = "/v1/chat/completions") String path,
      @RequestParam(name = "base", required = false) String base)
      throws IOException {
    String json =
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]"
            + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "")
            + "}";
    HttpPost post = new HttpPost(baseOr(base) + path);
    post.setHeader("Authorization", "Bearer " + apiKey);
    return exchange(post, json, gzip, decode, read, body);
  }

  /** Gemini generateContent, key in {@code x-goog-api-key}. */
  @GetMapping("/raw/gemini")
  public String gemini(
      @RequestParam(name = "model", defaultValue = "gemini-2.0-flash") String model,
      @RequestParam(name = "read", defaultValue = "utils") String read,
      @RequestParam(name = "base", required = false) String base)
      throws IOException {
    String json = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello\"}]}]}";
    HttpPost post = new HttpPost(baseOr(base) + "/v1beta/models/" + model + ":generateContent");
    post.setHeader("x-goog-api-key", apiKey);
    return exchange(post, json, false, true, read, "string");
  }

  /** Ollama's native chat API, streamed (NDJSON) or not. */
  @GetMapping("/raw/ollama")
  public String ollama(
      @RequestParam(name = "model", defaultValue = "llama3.2") String model,
      @RequestParam(name = "stream", defaultValue = "false") boolean stream,
      @RequestParam(name = "read", defaultValue = "utils") String read,
      @RequestParam(name = "base", required = false) String base)
      throws IOException {
    String json =
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
            + "\"stream\":" + stream + "}";
    return exchange(new HttpPost(baseOr(base) + "/api/chat"), json, false, true, read, "string");
  }

  /** The provider's base URL: the configured one, or {@code base} when the caller names one. */
  private String baseOr(String base) {
    return base == null || base.isEmpty() ? baseUrl : base;
  }

  private String exchange(
      HttpPost post, String json, boolean gzip, boolean decode, String read, String body)
      throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    post.setEntity(
        body.equals("stream")
            ? new InputStreamEntity(new java.io.ByteArrayInputStream(bytes), -1, ContentType.APPLICATION_JSON)
            : new StringEntity(json, ContentType.APPLICATION_JSON));
    if (gzip) {
      post.setHeader("Accept-Encoding", "gzip");
    }
    CloseableHttpClient http = decode ? client : undecoded;
    if (read.equals("handler")) {
      return http.execute(post, response -> describe(response, readBody(response.getEntity(), "utils")));
    }
    try (CloseableHttpResponse response = http.execute(post)) {
      return describe(response, readBody(response.getEntity(), read));
    }
  }

  private static byte[] readBody(HttpEntity entity, String read) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    switch (read) {
      case "stream":
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        try (InputStream in = entity.getContent()) {
          byte[] buffer = new byte[13];
          int n;
          while ((n = in.read(buffer)) >= 0) {
            collected.write(buffer, 0, n);
          }
        }
        return collected.toByteArray();
      case "writeTo":
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        entity.writeTo(written);
        return written.toByteArray();
      default:
        return EntityUtils.toByteArray(entity);
    }
  }

  private static String describe(ClassicHttpResponse response, byte[] bytes) {
    HttpEntity entity = response.getEntity();
    return response.getCode()
        + "\n" + (entity == null ? null : entity.getContentType())
        + "\n" + (entity == null ? null : entity.getContentEncoding())
        + "\n" + Base64.getEncoder().encodeToString(bytes);
  }

  @PreDestroy
  void close() throws IOException {
    client.close();
    undecoded.close();
  }
}
