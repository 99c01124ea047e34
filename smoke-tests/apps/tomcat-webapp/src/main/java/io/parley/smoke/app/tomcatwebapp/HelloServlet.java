package io.parley.smoke.app.tomcatwebapp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /ready} and {@code /hello}. */
@WebServlet(urlPatterns = {"/ready", "/hello"})
public class HelloServlet extends TextServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    text(response, 200, "hello from a web application in Tomcat");
  }
}
