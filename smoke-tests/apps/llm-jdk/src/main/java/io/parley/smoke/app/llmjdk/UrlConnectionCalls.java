package io.parley.smoke.app.llmjdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** An LLM request over {@code HttpURLConnection}: status first, then the body or error body. */
final class UrlConnectionCalls {

  private UrlConnectionCalls() {}

  static Upstream post(String url, String json, String authHeader) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(30000);
    connection.setRequestProperty("Content-Type", "application/json");
    connection.setRequestProperty("Accept-Encoding", "gzip");
    if (authHeader != null) {
      int colon = authHeader.indexOf(':');
      connection.setRequestProperty(authHeader.substring(0, colon), authHeader.substring(colon + 1));
    }
    try (OutputStream out = connection.getOutputStream()) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    int status = connection.getResponseCode();
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    if (in != null) {
      try (InputStream body = in) {
        byte[] buffer = new byte[512];
        int n;
        while ((n = body.read(buffer)) >= 0) {
          read.write(buffer, 0, n);
        }
      }
    }
    return new Upstream(status, read.toByteArray());
  }
}
