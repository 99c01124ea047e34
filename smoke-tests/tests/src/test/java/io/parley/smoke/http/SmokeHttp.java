package io.parley.smoke.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.parley.smoke.secrets.SecretScan;

/**
 * HTTP/1.1 requests against the smoke applications: through the JDK client for ordinary requests,
 * and over a raw socket for header values the JDK client refuses to send (non-ASCII, control
 * characters).
 */
public final class SmokeHttp {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private SmokeHttp() {}

  /** A response: status, headers (lower-case names, first value) and body text. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** GET with headers given as name, value, name, value, ... */
  public static Response get(URI uri, String... headerNamesAndValues) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    SecretScan.headersSent(uri.getPort(), headerNamesAndValues);
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> headers = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      return new Response(response.statusCode(), headers, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + uri, e);
    }
  }

  /**
   * GET over a raw socket; each header line is written verbatim as UTF-8 bytes, so values the JDK
   * client would refuse reach the server as sent.
   */
  public static Response rawGet(int port, String path, List<String> headerLines) {
    StringBuilder head =
        new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:").append(port).append("\r\n")
            .append("Connection: close\r\n");
    for (String line : headerLines) {
      head.append(line).append("\r\n");
      int colon = line.indexOf(':');
      if (colon > 0) {
        SecretScan.headersSent(port, line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    head.append("\r\n");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      return parse(received.toString(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException("raw GET " + path + " failed", e);
    }
  }

  private static Response parse(String raw) {
    int headEnd = raw.indexOf("\r\n\r\n");
    String head = headEnd < 0 ? raw : raw.substring(0, headEnd);
    String body = headEnd < 0 ? "" : raw.substring(headEnd + 4);
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ");
    int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int position = 0;
    while (position < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", position);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(position, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
      position = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }
}
