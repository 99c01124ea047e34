package io.parley.smoke.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LLM endpoint on raw sockets that answers {@code POST /case/<n>/...} with exactly the bytes of
 * case {@code n} of {@link HostileResponses}: status line, headers and body written as given (a
 * Content-Length that lies, a chunked stream cut off, gzip that is not), in the pieces the case
 * lists with a short pause between them, then closes the connection. The path after the case
 * number picks the agent's wire reader ({@code /chat/completions}, {@code /v1/messages}, ...).
 */
final class HostileLlmServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<HostileResponses.Case> cases;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "hostile-llm");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger served = new AtomicInteger();

  HostileLlmServer(List<HostileResponses.Case> cases) {
    this.cases = cases;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor.execute(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The base URL of case {@code n}: append an API path. */
  String base(int n) {
    return "http://127.0.0.1:" + port() + "/case/" + n;
  }

  /** Responses written so far. */
  int served() {
    return served.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        executor.execute(() -> serve(connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (Socket c = connection) {
      c.setSoTimeout(30_000);
      InputStream in = c.getInputStream();
      String head = readHead(in);
      String path = head.split(" ", 3)[1];
      skipBody(in, head);
      HostileResponses.Case hostile = cases.get(caseNumber(path));
      OutputStream out = c.getOutputStream();
      served.incrementAndGet();
      boolean first = true;
      for (byte[] piece : hostile.pieces()) {
        if (!first) {
          Thread.sleep(5);
        }
        first = false;
        out.write(piece);
        out.flush();
      }
      // closing ends the body for close-delimited responses and cuts the others short
    } catch (IOException | RuntimeException e) {
      // the client gave up or hung up: nothing to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int caseNumber(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("case")) {
        return Integer.parseInt(parts[i + 1]);
      }
    }
    throw new IllegalArgumentException("no case in " + path);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    int b;
    while (last4 != 0x0D0A0D0A && (b = in.read()) >= 0) {
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void skipBody(InputStream in, String head) throws IOException {
    String lower = head.toLowerCase(Locale.ROOT);
    int length = lower.indexOf("\ncontent-length:");
    if (length >= 0) {
      int end = lower.indexOf('\r', length);
      long remaining = Long.parseLong(lower.substring(length + 16, end).trim());
      while (remaining > 0) {
        long skipped = in.skip(remaining);
        if (skipped <= 0) {
          if (in.read() < 0) {
            return;
          }
          skipped = 1;
        }
        remaining -= skipped;
      }
    } else if (lower.contains("\ntransfer-encoding: chunked")) {
      while (true) {
        String sizeLine = readLine(in);
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
          readLine(in);
          return;
        }
        in.readNBytes(size);
        readLine(in);
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    executor.shutdownNow();
  }
}
