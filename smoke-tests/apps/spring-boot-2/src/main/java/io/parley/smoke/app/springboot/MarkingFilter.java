package io.parley.smoke.app.springboot;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
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
