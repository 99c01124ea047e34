package io.parley.instrumentation.servlet.v5_0;

import io.parley.bootstrap.ParleyBridge;
import java.security.Principal;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Servlet.service} and {@code Filter.doFilter}: reads the request's method,
 * path, headers and principal, and hands them to the bridge. The outermost entry point of a
 * request starts its span; nested filters, servlets and dispatches see the request attribute and
 * do nothing.
 */
public final class ServletRequestAdvice {

  private ServletRequestAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.Argument(0) ServletRequest request) {
    if (!(request instanceof HttpServletRequest)
        || request.getAttribute(ParleyBridge.SERVER_HANDLE_ATTRIBUTE) != null) {
      return null;
    }
    HttpServletRequest http = (HttpServletRequest) request;
    String[] names = ParleyBridge.serverHeaderNames();
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      values[i] = http.getHeader(names[i]);
    }
    Principal principal = http.getUserPrincipal();
    Object handle =
        ParleyBridge.serverStart(
            http.getMethod(),
            http.getRequestURI(),
            values,
            principal == null ? null : principal.getName());
    if (handle != null) {
      request.setAttribute(ParleyBridge.SERVER_HANDLE_ATTRIBUTE, handle);
    }
    return handle;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Argument(0) ServletRequest request,
      @Advice.Argument(1) ServletResponse response,
      @Advice.Enter Object handle,
      @Advice.Thrown Throwable thrown) {
    if (handle == null) {
      return;
    }
    Object route = request.getAttribute(ParleyBridge.SPRING_ROUTE_ATTRIBUTE);
    String routeName = route instanceof String ? (String) route : null;
    Principal principal = ((HttpServletRequest) request).getUserPrincipal();
    String principalName = principal == null ? null : principal.getName();
    if (thrown == null && request.isAsyncStarted()) {
      Object listener = ParleyBridge.serverAsyncListener(AsyncListener.class, handle, response);
      if (listener instanceof AsyncListener) {
        request.getAsyncContext().addListener((AsyncListener) listener, request, response);
        ParleyBridge.serverDetach(handle, routeName, principalName);
        return;
      }
    }
    int status =
        response instanceof HttpServletResponse ? ((HttpServletResponse) response).getStatus() : 200;
    ParleyBridge.serverEnd(handle, status, thrown, routeName, principalName);
  }
}
