package io.parley.instrumentation.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A loopback HTTP server answering OpenAI-style chat completions the ways transports must cope
 * with; the first path segment picks the way ({@code /json}, {@code /sse}, {@code /gzip},
 * {@code /gzsse} (gzip, chunked), {@code /status/429}, {@code /bare/429}, {@code /slow},
 * {@code /cut}). Bodies are fixed, so a
 * test compares what the application read with {@link #JSON}, {@link #sse()} and so on.
 */
public final class LocalLlmServer implements AutoCloseable {

  public static final String CHAT = "/v1/chat/completions";

  public static final byte[] JSON =
      ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\","
              + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello \u00e9\u4e16\"},"
              + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,"
              + "\"total_tokens\":17}}")
          .getBytes(StandardCharsets.UTF_8);

  public static final byte[] ERROR =
      "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private static final int SSE_EVENTS = 6;

  private static final char[] PASSWORD = "parley".toCharArray();

  private final HttpServer server;
  private final SSLContext tls;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<byte[]> requests = new ArrayList<>();

  /** A plain-HTTP server. */
  public LocalLlmServer() throws IOException {
    this(null);
  }

  private LocalLlmServer(SSLContext tls) throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    this.tls = tls;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * An HTTPS server with a fresh self-signed certificate for 127.0.0.1 (made with the running
   * JDK's keytool); clients trust it through {@link #clientTls()}.
   */
  public static LocalLlmServer https() throws Exception {
    Path dir = Files.createTempDirectory("parley-tls");
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-alias", "server", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    byte[] output = readAll(keytool.getInputStream());
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
    Files.delete(store);
    Files.delete(dir);
    return new LocalLlmServer(tls);
  }

  /** For clients of an {@link #https()} server: trusts its certificate. */
  public SSLContext clientTls() {
    return tls;
  }

  public String base() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The URL of the chat endpoint answered {@code way}: {@code url("sse")}. */
  public String url(String way) {
    return base() + "/" + way + CHAT;
  }

  /** The bodies of the requests received so far. */
  public synchronized List<byte[]> requests() {
    return new ArrayList<>(requests);
  }

  /** The exact bytes of the streaming answer. */
  public static byte[] sse() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < SSE_EVENTS; i++) {
      out.append("data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,")
          .append("\"delta\":{\"content\":\"part ").append(i).append(" \u00e9\"}}]}\n\n");
    }
    out.append("data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-4o-mini\",\"choices\":[],")
        .append("\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6,\"total_tokens\":15}}\n\n");
    out.append("data: [DONE]\n\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] request = readAll(exchange.getRequestBody());
    synchronized (this) {
      requests.add(request);
    }
    String path = exchange.getRequestURI().getPath();
    boolean close = true;
    try {
      if (!path.endsWith(CHAT)) {
        send(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
      } else if (path.startsWith("/json/")) {
        send(exchange, 200, "application/json", JSON);
      } else if (path.startsWith("/gzip/")) {
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        send(exchange, 200, "application/json", gzip(JSON));
      } else if (path.startsWith("/sse/")) {
        streamSse(exchange, false);
      } else if (path.startsWith("/gzsse/")) {
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        streamChunks(exchange, gzip(sse()));
      } else if (path.startsWith("/cut/")) {
        close = false; // the handler's exception makes the server drop the connection
        streamSse(exchange, true);
      } else if (path.startsWith("/status/")) {
        send(exchange, Integer.parseInt(path.split("/")[2]), "application/json", ERROR);
      } else if (path.startsWith("/bare/")) {
        exchange.sendResponseHeaders(Integer.parseInt(path.split("/")[2]), -1);
      } else if (path.startsWith("/slow/")) {
        Thread.sleep(3000);
        send(exchange, 200, "application/json", JSON);
      } else {
        send(exchange, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (close) {
        exchange.close();
      }
    }
  }

  private static void streamSse(HttpExchange exchange, boolean cut)
      throws IOException, InterruptedException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    byte[] all = sse();
    int step = all.length / 8 + 1;
    for (int at = 0; at < all.length; at += step) {
      out.write(all, at, Math.min(step, all.length - at));
      out.flush();
      Thread.sleep(15);
      if (cut && at > all.length / 2) {
        // drop the connection mid-stream, without the last chunk
        throw new IllegalStateException("cut");
      }
    }
  }

  /** Writes {@code body} chunked, in eight flushed pieces (a gzip stream split mid-member). */
  private static void streamChunks(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    int step = body.length / 8 + 1;
    for (int at = 0; at < body.length; at += step) {
      out.write(body, at, Math.min(step, body.length - at));
      out.flush();
      Thread.sleep(10);
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  public static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(body);
    }
    return bytes.toByteArray();
  }

  public static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      bytes.write(buffer, 0, n);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
