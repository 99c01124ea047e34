package io.parley.smoke.app.springboot;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A servlet filter that marks the response, so a test can prove the request passed through it. */
final class MarkingFilter implements Filter {

  private final String headerName;

  MarkingFilter(String headerName) {
    this.headerName = headerName;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ((HttpServletResponse) response).setHeader(headerName, "seen");
    chain.doFilter(request, response);
  }
}
