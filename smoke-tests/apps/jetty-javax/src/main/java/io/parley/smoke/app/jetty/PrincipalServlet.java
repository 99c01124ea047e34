package io.parley.smoke.app.jetty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Answers with the container-authenticated principal's name. */
final class PrincipalServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Principal principal = req.getUserPrincipal();
    resp.setContentType("text/plain;charset=utf-8");
    resp.getOutputStream()
        .write(("principal: " + (principal == null ? "none" : principal.getName())).getBytes(StandardCharsets.UTF_8));
  }
}
