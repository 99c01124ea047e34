package io.parley.benchmarks.overhead;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to 127.0.0.1, as lean as a load generator should be: writes
 * a GET, reads the status, the headers and the whole body (by {@code Content-Length} or chunked),
 * and notes when the first body byte arrived. Not thread-safe: one per virtual user.
 */
final class BenchHttpClient implements Closeable {

  /** What one exchange returned. */
  static final class Response {
    int status;
    long bodyBytes;
    /** {@link System#nanoTime()} when the first body byte arrived; 0 for an empty body. */
    long firstBodyByteNanos;
  }

  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final byte[] buffer = new byte[16 * 1024];
  private int pos;
  private int limit;
  private long lastFillNanos;
  private final StringBuilder line = new StringBuilder(128);
  private java.io.ByteArrayOutputStream capture;

  BenchHttpClient(int port, int timeoutMillis) {
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /** The request bytes of a GET of {@code pathAndQuery} with extra header lines ("Name: value"). */
  static byte[] get(int port, String pathAndQuery, String... headers) {
    StringBuilder r = new StringBuilder(256);
    r.append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n");
    r.append("Host: 127.0.0.1:").append(port).append("\r\n");
    r.append("User-Agent: parley-overhead/1\r\nAccept: */*\r\n");
    for (String header : headers) {
      r.append(header).append("\r\n");
    }
    r.append("\r\n");
    return r.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Sends {@code request} and reads the whole response into {@code into}. */
  Response exchange(byte[] request, Response into) throws IOException {
    if (socket == null) {
      connect();
    }
    into.status = 0;
    into.bodyBytes = 0;
    into.firstBodyByteNanos = 0;
    try {
      out.write(request);
      out.flush();
      readResponse(into);
      return into;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Like {@link #exchange}, keeping the body: for small control responses. */
  String exchangeText(byte[] request, Response into) throws IOException {
    capture = new java.io.ByteArrayOutputStream();
    try {
      exchange(request, into);
      if (into.status != 200) {
        throw new IOException("status " + into.status);
      }
      return new String(capture.toByteArray(), StandardCharsets.UTF_8);
    } finally {
      capture = null;
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(timeoutMillis);
    s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    pos = 0;
    limit = 0;
  }

  private void readResponse(Response response) throws IOException {
    String status = readLine();
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    response.status = Integer.parseInt(status.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean close = false;
    String header;
    while (!(header = readLine()).isEmpty()) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase().contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close");
      }
    }
    if (chunked) {
      while (true) {
        String size = readLine();
        int semicolon = size.indexOf(';');
        long n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
        if (n == 0) {
          while (!readLine().isEmpty()) {
            // trailers
          }
          break;
        }
        skipBody(response, n);
        readLine(); // CRLF after the chunk
      }
    } else if (contentLength > 0) {
      skipBody(response, contentLength);
    } else if (contentLength < 0) {
      close = true; // body until close: read it all
      while (fill() > 0) {
        markFirstByte(response);
        response.bodyBytes += limit - pos;
        pos = limit;
      }
    }
    if (close) {
      close();
    }
  }

  private void skipBody(Response response, long n) throws IOException {
    long left = n;
    while (left > 0) {
      if (pos == limit && fill() < 0) {
        throw new IOException("connection closed in the body");
      }
      markFirstByte(response);
      int take = (int) Math.min(left, limit - pos);
      if (capture != null) {
        capture.write(buffer, pos, take);
      }
      pos += take;
      left -= take;
      response.bodyBytes += take;
    }
  }

  /** The bytes at {@code pos} came with the last fill: that is when the first one arrived. */
  private void markFirstByte(Response response) {
    if (response.firstBodyByteNanos == 0) {
      response.firstBodyByteNanos = lastFillNanos;
    }
  }

  private String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      if (pos == limit && fill() < 0) {
        throw new IOException("connection closed");
      }
      byte b = buffer[pos++];
      if (b == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      line.append((char) (b & 0xFF));
    }
  }

  private int fill() throws IOException {
    pos = 0;
    limit = 0;
    int n = in.read(buffer, 0, buffer.length);
    lastFillNanos = System.nanoTime();
    if (n > 0) {
      limit = n;
    }
    return n;
  }

  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
