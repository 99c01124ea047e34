package io.parley.smoke.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver on 127.0.0.1 (random port), built on the JDK's HTTP server: accepts
 * protobuf {@code POST /v1/traces} (gzip or not), decodes and keeps the spans, answers an empty
 * {@code ExportTraceServiceResponse}; {@code /v1/metrics} and {@code /v1/logs} are answered 200.
 * A test can make it slow ({@link #delayEachExport}) or failing ({@link #failWith}) to play a
 * struggling backend; rejected exports keep their raw bytes (they left the process) but no spans.
 */
public final class OtlpHttpReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final ExportedTelemetry telemetry = new ExportedTelemetry();
  private final AtomicInteger gzipRequests = new AtomicInteger();
  private final AtomicInteger rejectedExports = new AtomicInteger();
  private final AtomicInteger delayedExports = new AtomicInteger();
  private volatile Duration exportDelay = Duration.ZERO;
  private volatile int failureStatus;

  private OtlpHttpReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    executor =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "otlp-http-receiver");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/v1/traces", exchange -> handle(exchange, "traces"));
    server.createContext("/v1/metrics", exchange -> handle(exchange, "metrics"));
    server.createContext("/v1/logs", exchange -> handle(exchange, "logs"));
  }

  /** Starts a receiver on a random free port. */
  public static OtlpHttpReceiver start() {
    return start(0);
  }

  /** Starts a receiver on the given port (0: any free port). */
  public static OtlpHttpReceiver start(int port) {
    try {
      OtlpHttpReceiver receiver = new OtlpHttpReceiver(port);
      receiver.server.start();
      io.parley.smoke.secrets.SecretScan.receiverStarted(receiver.endpoint(), receiver.telemetry);
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public ExportedTelemetry telemetry() {
    return telemetry;
  }

  /** Every export waits this long before it is answered (a slow backend); zero to stop. */
  public OtlpHttpReceiver delayEachExport(Duration delay) {
    this.exportDelay = delay;
    return this;
  }

  /** Every export is answered with this HTTP status and kept as raw bytes only; 0 to recover. */
  public OtlpHttpReceiver failWith(int status) {
    this.failureStatus = status;
    return this;
  }

  /** Exports answered late because of {@link #delayEachExport} so far. */
  public int delayedExportCount() {
    return delayedExports.get();
  }

  /** Exports answered with an error status so far. */
  public int rejectedExportCount() {
    return rejectedExports.get();
  }

  private void handle(HttpExchange exchange, String signal) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] payload = readBody(exchange);
      Duration delay = exportDelay;
      if (!delay.isZero()) {
        delayedExports.incrementAndGet();
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      int failure = failureStatus;
      if (failure != 0) {
        rejectedExports.incrementAndGet();
        telemetry.acceptRejected(payload);
        exchange.sendResponseHeaders(failure, -1);
        return;
      }
      if ("traces".equals(signal)) {
        try {
          telemetry.acceptTraces(payload);
        } catch (InvalidProtocolBufferException e) {
          exchange.sendResponseHeaders(400, -1);
          return;
        }
      } else {
        telemetry.acceptOther(signal, payload);
      }
      byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      if (response.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response);
        }
      }
    }
  }

  /** How many requests arrived gzip-compressed. */
  public int gzipRequestCount() {
    return gzipRequests.get();
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
      gzipRequests.incrementAndGet();
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return in.readAllBytes();
      }
    }
    return body;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
