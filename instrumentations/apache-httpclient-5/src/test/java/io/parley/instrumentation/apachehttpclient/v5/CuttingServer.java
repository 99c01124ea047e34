package io.parley.instrumentation.apachehttpclient.v5;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Answers one request with a 200 that promises 1000 bytes, sends 40, and drops the connection. */
final class CuttingServer implements AutoCloseable {

  private final ServerSocket socket;
  private final Thread thread;

  CuttingServer() throws IOException {
    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serveOnce, "cutting-server");
    thread.setDaemon(true);
    thread.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  private void serveOnce() {
    try (Socket connection = socket.accept()) {
      InputStream in = connection.getInputStream();
      byte[] buffer = new byte[8192];
      StringBuilder head = new StringBuilder();
      while (!head.toString().contains("\r\n\r\n")) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        head.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
      OutputStream out = connection.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                  + ScriptedServer.CHAT_JSON.substring(0, 40))
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(50);
    } catch (IOException | InterruptedException ignored) {
      // the test only cares about what the client sees
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
