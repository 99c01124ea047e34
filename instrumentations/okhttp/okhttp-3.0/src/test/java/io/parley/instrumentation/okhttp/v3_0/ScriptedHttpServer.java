package io.parley.instrumentation.okhttp.v3_0;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A local HTTP server with LLM-like responses: JSON with a length, a server-sent event stream
 * (chunked, paused after the first event until released), gzip, an error status, a stream cut
 * short, and one non-LLM path.
 */
final class ScriptedHttpServer implements AutoCloseable {

  static final String JSON =
      "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o-mini-2024-07-18\","
          + "\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"h\u00e9llo\"}}],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}";
  static final String EVENT_1 = "data: {\"choices\":[{\"delta\":{\"content\":\"A\"}}]}\n\n";
  static final String EVENT_2 =
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}\n\n"
          + "data: [DONE]\n\n";
  static final String ERROR_JSON = "{\"error\":{\"message\":\"Rate limit\",\"type\":\"requests\"}}";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  volatile CountDownLatch streamGate = new CountDownLatch(0);
  volatile byte[] lastRequestBody;

  ScriptedHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", e -> send(e, 200, "application/json", bytes(JSON)));
    server.createContext("/v1/rate-limited", e -> send(e, 429, "application/json", bytes(ERROR_JSON)));
    server.createContext("/other", e -> send(e, 200, "text/plain", bytes("not an LLM")));
    server.createContext("/v1/gzip", this::gzip);
    server.createContext("/v1/stream", this::stream);
    server.createContext("/v1/cut", this::cut);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void send(HttpExchange e, int status, String type, byte[] body) throws IOException {
    lastRequestBody = readAll(e);
    e.getResponseHeaders().set("Content-Type", type);
    e.sendResponseHeaders(status, body.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(body);
    }
  }

  private void gzip(HttpExchange e) throws IOException {
    readAll(e);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(bytes(JSON));
    }
    e.getResponseHeaders().set("Content-Type", "application/json");
    e.getResponseHeaders().set("Content-Encoding", "gzip");
    e.sendResponseHeaders(200, zipped.size());
    try (OutputStream out = e.getResponseBody()) {
      zipped.writeTo(out);
    }
  }

  /** Chunked SSE: the first event, then a pause until {@link #streamGate} opens, then the rest. */
  private void stream(HttpExchange e) throws IOException {
    readAll(e);
    e.getResponseHeaders().set("Content-Type", "text/event-stream");
    e.sendResponseHeaders(200, 0);
    try (OutputStream out = e.getResponseBody()) {
      out.write(bytes(EVENT_1));
      out.flush();
      await(streamGate);
      out.write(bytes(EVENT_2));
    }
  }

  /** Chunked SSE that stops after the first event without the terminating chunk. */
  private void cut(HttpExchange e) throws IOException {
    readAll(e);
    e.getResponseHeaders().set("Content-Type", "text/event-stream");
    e.sendResponseHeaders(200, 0);
    OutputStream out = e.getResponseBody();
    out.write(bytes(EVENT_1));
    out.flush();
    // a handler that throws makes the JDK server drop the connection mid-body
    throw new IllegalStateException("cut");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] readAll(HttpExchange e) throws IOException {
    return e.getRequestBody().readAllBytes();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
