package io.parley.smoke.app.jetty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Answers every GET with a fixed text. */
final class TextServlet extends HttpServlet {

  private final String text;

  TextServlet(String text) {
    this.text = text;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/plain;charset=utf-8");
    resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }
}
