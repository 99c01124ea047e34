package io.parley.smoke.app.llmjdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * LLM requests over {@code java.net.http.HttpClient}, the way hand-written clients make them:
 * JSON string bodies, {@code send} or {@code sendAsync(...).get()}, and body handlers of each
 * kind (whole byte array, string, input stream read in small pieces, lines).
 */
final class JdkHttpCalls {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private JdkHttpCalls() {}

  static Upstream post(String url, String json, String mode, String handler, String authHeader)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (authHeader != null) {
      int colon = authHeader.indexOf(':');
      request.header(authHeader.substring(0, colon), authHeader.substring(colon + 1));
    }
    switch (handler) {
      case "string":
        {
          HttpResponse<String> response =
              send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1), mode);
          return new Upstream(response.statusCode(), response.body().getBytes(StandardCharsets.ISO_8859_1));
        }
      case "stream":
        {
          HttpResponse<InputStream> response =
              send(request.build(), HttpResponse.BodyHandlers.ofInputStream(), mode);
          ByteArrayOutputStream read = new ByteArrayOutputStream();
          try (InputStream in = response.body()) {
            byte[] buffer = new byte[7]; // small reads: the application reads as events arrive
            int n;
            while ((n = in.read(buffer)) >= 0) {
              read.write(buffer, 0, n);
            }
          }
          return new Upstream(response.statusCode(), read.toByteArray());
        }
      case "lines":
        {
          HttpResponse<java.util.stream.Stream<String>> response =
              send(request.build(), HttpResponse.BodyHandlers.ofLines(), mode);
          StringBuilder lines = new StringBuilder();
          response.body().forEach(line -> lines.append(line).append('\n'));
          return new Upstream(response.statusCode(), lines.toString().getBytes(StandardCharsets.UTF_8));
        }
      default:
        {
          HttpResponse<byte[]> response =
              send(request.build(), HttpResponse.BodyHandlers.ofByteArray(), mode);
          return new Upstream(response.statusCode(), response.body());
        }
    }
  }

  private static <T> HttpResponse<T> send(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, String mode)
      throws IOException, InterruptedException {
    if (!"async".equals(mode)) {
      return CLIENT.send(request, handler);
    }
    try {
      return CLIENT.sendAsync(request, handler).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }
}
