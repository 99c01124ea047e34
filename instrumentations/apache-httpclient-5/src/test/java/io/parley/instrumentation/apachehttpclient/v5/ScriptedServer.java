package io.parley.instrumentation.apachehttpclient.v5;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/** A loopback HTTP server answering a few LLM-shaped endpoints; records every request body. */
final class ScriptedServer implements AutoCloseable {

  static final String CHAT_JSON =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"h\u00e9llo\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":9}}";

  static final List<String> SSE_EVENTS =
      List.of(
          "data: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n",
          "data: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n",
          "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}\n\n",
          "data: [DONE]\n\n");

  static final String ERROR_JSON =
      "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  final List<byte[]> requestBodies = new CopyOnWriteArrayList<>();
  final List<String> requestLines = new CopyOnWriteArrayList<>();

  ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath();
    requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
    requestBodies.add(body);
    switch (path) {
      case "/v1/chat/completions":
      case "/other":
        send(exchange, 200, "application/json", CHAT_JSON.getBytes(StandardCharsets.UTF_8), false);
        break;
      case "/v1/stream":
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0); // chunked
        try (OutputStream out = exchange.getResponseBody()) {
          for (String event : SSE_EVENTS) {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
            pause(20);
          }
        }
        break;
      case "/v1/gzip":
        boolean gzip = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
        send(exchange, 200, "application/json", CHAT_JSON.getBytes(StandardCharsets.UTF_8), gzip);
        break;
      case "/v1/rate-limited":
        exchange.getResponseHeaders().set("Retry-After", "0");
        send(exchange, 429, "application/json", ERROR_JSON.getBytes(StandardCharsets.UTF_8), false);
        break;
      case "/v1/server-error":
        send(exchange, 500, "application/json", ERROR_JSON.getBytes(StandardCharsets.UTF_8), false);
        break;
      case "/v1/no-content":
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
        break;
      default:
        send(exchange, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8), false);
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean gzip)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (gzip) {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
        out.write(body);
      }
      body = compressed.toByteArray();
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
