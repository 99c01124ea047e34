package io.parley.benchmarks.overhead;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/HTTP receiver on 127.0.0.1 that accepts and discards everything: 200 to every POST
 * ({@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs}), counting requests and bytes so the
 * harness can tell that an agent really exported.
 */
final class OtlpSink implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  final AtomicLong traceRequests = new AtomicLong();
  final AtomicLong metricRequests = new AtomicLong();
  final AtomicLong otherRequests = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();

  OtlpSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "otlp-sink");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void reset() {
    traceRequests.set(0);
    metricRequests.set(0);
    otherRequests.set(0);
    bytes.set(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] buffer = new byte[8192];
      int n;
      long total = 0;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
      }
      bytes.addAndGet(total);
    }
    String path = exchange.getRequestURI().getPath();
    if (path.endsWith("/v1/traces")) {
      traceRequests.incrementAndGet();
    } else if (path.endsWith("/v1/metrics")) {
      metricRequests.incrementAndGet();
    } else {
      otherRequests.incrementAndGet();
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    exchange.getResponseHeaders().set("Content-Type", type != null ? type : "application/x-protobuf");
    exchange.sendResponseHeaders(200, -1); // an empty Export*ServiceResponse
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
