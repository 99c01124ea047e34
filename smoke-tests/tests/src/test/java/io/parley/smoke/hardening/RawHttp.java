package io.parley.smoke.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP/1.1 over a raw socket with header bytes written exactly as given (control characters,
 * invalid UTF-8, megabytes), and the response kept as bytes, so that two servers' answers can be
 * compared byte for byte.
 */
final class RawHttp {

  private RawHttp() {}

  /** A response as received; {@link #comparable()} leaves out what differs between runs. */
  record Response(byte[] bytes) {

    int status() {
      String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1);
      String[] parts = head.split(" ", 3);
      try {
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /** The response without its {@code Date} header, the only thing that differs run to run. */
    String comparable() {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      return text.replaceAll("(?im)^Date: [^\r\n]*\r\n", "");
    }
  }

  /** {@code GET path} with these header lines (bytes each, without CRLF), Connection: close. */
  static Response get(int port, String path, List<byte[]> headerLines) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(
        ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    for (byte[] line : headerLines) {
      request.writeBytes(line);
      request.writeBytes(new byte[] {'\r', '\n'});
    }
    request.writeBytes(new byte[] {'\r', '\n'});
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.toByteArray());
        out.flush();
      } catch (SocketException closedEarly) {
        // the server may answer and close before reading a huge head: read what it said
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      try {
        in.transferTo(received);
      } catch (SocketException reset) {
        // a reset after a complete answer to an oversized head: keep what arrived
      }
      return new Response(received.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("raw GET " + path + " on port " + port + " failed", e);
    }
  }
}
