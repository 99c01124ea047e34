package io.parley.smoke.okhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * An OpenAI-compatible endpoint ({@code POST /v1/chat/completions}) that always answers the same
 * known bytes, framed as the query's {@code framing} says: {@code length} (Content-Length),
 * {@code chunked} (JSON in three chunks with pauses), {@code sse} (a chunked event stream with
 * pauses); with {@code encoding=gzip}, gzip-encoded with the same framing when the request accepts
 * gzip (OkHttp asks for it on its own). Keeps the exact bytes of the last body it sent, so a test
 * can compare what an application read with them.
 */
final class ExactBytesServer implements AutoCloseable {

  static final long INPUT_TOKENS = 31;
  static final long OUTPUT_TOKENS = 7;
  static final String MODEL = "gpt-4o-mini-2024-07-18";

  /** Non-ASCII text on purpose: bytes, not characters, are compared. */
  static final byte[] JSON =
      ("{\"id\":\"chatcmpl-exact1\",\"object\":\"chat.completion\",\"created\":1700000000,"
              + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
              + "\"content\":\"Gr\u00fc\u00dfe \u2014 \ud83d\udc4b h\u00e9llo\"},\"finish_reason\":\"stop\"}],"
              + "\"usage\":{\"prompt_tokens\":" + INPUT_TOKENS + ",\"completion_tokens\":" + OUTPUT_TOKENS
              + ",\"total_tokens\":" + (INPUT_TOKENS + OUTPUT_TOKENS) + "}}")
          .getBytes(StandardCharsets.UTF_8);

  static final List<byte[]> EVENTS =
      List.of(
          event("{\"id\":\"chatcmpl-exact2\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL
              + "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}"),
          event("{\"id\":\"chatcmpl-exact2\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL
              + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Gr\u00fc\u00dfe \ud83d\udc4b\"},\"finish_reason\":null}],\"usage\":null}"),
          event("{\"id\":\"chatcmpl-exact2\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL
              + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}"),
          event("{\"id\":\"chatcmpl-exact2\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL
              + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + INPUT_TOKENS + ",\"completion_tokens\":"
              + OUTPUT_TOKENS + ",\"total_tokens\":" + (INPUT_TOKENS + OUTPUT_TOKENS) + "}}"),
          event("[DONE]"));

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(daemon());
  private volatile byte[] lastSent;

  private ExactBytesServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::handle);
  }

  static ExactBytesServer start() {
    try {
      ExactBytesServer exact = new ExactBytesServer();
      exact.server.start();
      return exact;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String framing, String encoding) {
    return "http://127.0.0.1:" + port() + "/v1/chat/completions?framing="
        + framing + "&encoding=" + encoding;
  }

  /** The exact bytes of the last response body sent (gzip-encoded when it was). */
  byte[] lastSent() {
    return lastSent;
  }

  static byte[] streamBytes() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    EVENTS.forEach(all::writeBytes);
    return all.toByteArray();
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String query = String.valueOf(exchange.getRequestURI().getQuery());
    String framing = query.contains("framing=sse") ? "sse" : query.contains("framing=chunked") ? "chunked" : "length";
    String acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    boolean gzip =
        query.contains("encoding=gzip") && acceptEncoding != null && acceptEncoding.contains("gzip");
    boolean sse = framing.equals("sse");
    exchange.getResponseHeaders().set("Content-Type", sse ? "text/event-stream; charset=utf-8" : "application/json");
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    if (framing.equals("length")) {
      byte[] body = gzip ? gzip(JSON) : JSON;
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      sent.writeBytes(body);
    } else {
      exchange.sendResponseHeaders(200, 0);
      OutputStream raw = exchange.getResponseBody();
      OutputStream recording = new TeeOutputStream(raw, sent);
      OutputStream out = gzip ? new GZIPOutputStream(recording, 256, true) : recording;
      List<byte[]> pieces = sse ? EVENTS : thirds(JSON);
      for (byte[] piece : pieces) {
        out.write(piece);
        out.flush();
        pause();
      }
      out.close();
    }
    lastSent = sent.toByteArray();
  }

  private static List<byte[]> thirds(byte[] body) {
    int a = body.length / 3;
    int b = 2 * body.length / 3;
    return List.of(
        java.util.Arrays.copyOfRange(body, 0, a),
        java.util.Arrays.copyOfRange(body, a, b),
        java.util.Arrays.copyOfRange(body, b, body.length));
  }

  private static byte[] event(String data) {
    return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(body);
    }
    return bytes.toByteArray();
  }

  private static void pause() {
    try {
      Thread.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "exact-bytes-server");
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Writes to the wire and keeps a copy of exactly what was written. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream wire;
    private final ByteArrayOutputStream copy;

    TeeOutputStream(OutputStream wire, ByteArrayOutputStream copy) {
      this.wire = wire;
      this.copy = copy;
    }

    @Override
    public void write(int b) throws IOException {
      wire.write(b);
      copy.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      wire.write(bytes, offset, length);
      copy.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      wire.flush();
    }

    @Override
    public void close() throws IOException {
      wire.close();
    }
  }
}
