package io.parley.smoke.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.fakellm.FakeFault;
import io.parley.fakellm.FakeLlmProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * Answers LLM calls with responses recorded once from the fake provider, byte for byte the same
 * every time (the fake's ids and timestamps change per call), so that what an application reads
 * with and without the agent can be compared exactly. The request's query chooses the framing:
 * {@code gzip=1} compresses when the client accepts gzip, {@code framing=chunked} sends a
 * non-streamed body chunked, {@code status=429|500} replays the fake's error bodies. Streams go
 * out one event per write and flush. Remembers the exact body bytes it sent last, per path.
 */
final class ReplayLlmServer implements AutoCloseable {

  /** One recorded response body. */
  record Recorded(int status, String contentType, byte[] body) {}

  private final Map<String, Recorded> recordings;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  // completed by the handler once the whole response is written; created before its first byte,
  // so a caller that already received the response always finds (and waits for) its own entry
  private final Map<String, java.util.concurrent.CompletableFuture<byte[]>> lastSent =
      new ConcurrentHashMap<>();

  private ReplayLlmServer(Map<String, Recorded> recordings) throws IOException {
    this.recordings = recordings;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Records every route from {@code llm} (which is reset first) and starts serving them. */
  static ReplayLlmServer recordedFrom(FakeLlmProvider llm) {
    llm.reset();
    llm.datedModels();
    try {
      String chat = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
      String ollama = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
      Map<String, Recorded> recordings = new ConcurrentHashMap<>();
      recordings.put("/v1/chat/completions", record(llm, "/v1/chat/completions", chat + "}"));
      recordings.put(
          "/v1/chat/completions stream",
          record(
              llm,
              "/v1/chat/completions",
              chat + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
      llm.failNext(FakeFault.rateLimited(0));
      recordings.put("/v1/chat/completions 429", record(llm, "/v1/chat/completions", chat + "}"));
      llm.failNext(FakeFault.serverError());
      recordings.put("/v1/chat/completions 500", record(llm, "/v1/chat/completions", chat + "}"));
      String gemini = "/v1beta/models/gemini-2.0-flash:generateContent";
      recordings.put(
          gemini,
          record(llm, gemini, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"));
      recordings.put("/api/chat", record(llm, "/api/chat", ollama + ",\"stream\":false}"));
      recordings.put("/api/chat stream", record(llm, "/api/chat", ollama + ",\"stream\":true}"));
      return new ReplayLlmServer(recordings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Recorded record(FakeLlmProvider llm, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(llm.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    return new Recorded(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse("application/json"),
        response.body());
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The recorded (uncompressed) body for a route key, e.g. {@code /api/chat stream}. */
  Recorded recorded(String key) {
    return recordings.get(key);
  }

  /** The body bytes last sent for {@code path}, after compression, before any chunk framing. */
  byte[] lastSent(String path) {
    java.util.concurrent.CompletableFuture<byte[]> sent = lastSent.get(path);
    if (sent == null) {
      return null;
    }
    try {
      return sent.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] request;
      try (InputStream in = exchange.getRequestBody()) {
        request = in.readAllBytes();
      }
      String path = exchange.getRequestURI().getPath();
      String query = String.valueOf(exchange.getRequestURI().getQuery());
      boolean stream = new String(request, StandardCharsets.UTF_8).contains("\"stream\":true");
      String key = path + (stream ? " stream" : "");
      for (String status : List.of("429", "500")) {
        if (query.contains("status=" + status)) {
          key = path + " " + status;
        }
      }
      Recorded recorded = recordings.get(key);
      if (recorded == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
      boolean gzip = query.contains("gzip=1") && accept.contains("gzip");
      boolean chunked = stream || query.contains("framing=chunked");
      exchange.getResponseHeaders().set("Content-Type", recorded.contentType());
      if (recorded.status() == 429) {
        exchange.getResponseHeaders().set("Retry-After", "0"); // HttpClient retries a 429 once
      }
      if (gzip) {
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      ByteArrayOutputStream sent = new ByteArrayOutputStream();
      java.util.concurrent.CompletableFuture<byte[]> done =
          new java.util.concurrent.CompletableFuture<>();
      lastSent.put(path, done);
      try {
      if (!chunked) {
        byte[] body = gzip ? gzip(recorded.body()) : recorded.body();
        exchange.sendResponseHeaders(recorded.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
        sent.write(body);
      } else {
        exchange.sendResponseHeaders(recorded.status(), 0);
        OutputStream raw = new TeeOutputStream(exchange.getResponseBody(), sent);
        OutputStream out = gzip ? new GZIPOutputStream(raw, 512, true) : raw;
        for (byte[] event : events(recorded.body(), stream)) {
          out.write(event);
          out.flush();
          pause();
        }
        out.close();
      }
      } finally {
        done.complete(sent.toByteArray());
      }
    }
  }

  /** A stream's events (SSE: up to a blank line; NDJSON: a line); a body is one piece. */
  private static List<byte[]> events(byte[] body, boolean stream) {
    if (!stream) {
      int half = body.length / 2;
      return List.of(java.util.Arrays.copyOfRange(body, 0, half), java.util.Arrays.copyOfRange(body, half, body.length));
    }
    String text = new String(body, StandardCharsets.UTF_8);
    String separator = text.contains("\n\n") ? "\n\n" : "\n";
    java.util.List<byte[]> events = new java.util.ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf(separator, start);
      end = end < 0 ? text.length() : end + separator.length();
      events.add(text.substring(start, end).getBytes(StandardCharsets.UTF_8));
      start = end;
    }
    return events;
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body);
    }
    return bytes.toByteArray();
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Writes to the response and keeps a copy. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream out;
    private final ByteArrayOutputStream copy;

    TeeOutputStream(OutputStream out, ByteArrayOutputStream copy) {
      this.out = out;
      this.copy = copy;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      copy.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      copy.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
