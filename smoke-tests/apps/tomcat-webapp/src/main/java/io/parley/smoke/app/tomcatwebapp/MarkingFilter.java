package io.parley.smoke.app.tomcatwebapp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** In front of every servlet: marks the response, so the tests see the request passed it. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class MarkingFilter extends HttpFilter {

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Webapp-Filter", "seen");
    chain.doFilter(request, response);
  }
}
