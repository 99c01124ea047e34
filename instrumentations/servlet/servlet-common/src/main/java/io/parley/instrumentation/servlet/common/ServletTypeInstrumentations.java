package io.parley.instrumentation.servlet.common;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The servlet entry points, for either servlet package: {@code Servlet.service} and
 * {@code Filter.doFilter} of every concrete implementation. One advice serves both because the
 * request and response are the first two arguments of each.
 */
public final class ServletTypeInstrumentations {

  private ServletTypeInstrumentations() {}

  /**
   * @param servletPackage {@code javax.servlet} or {@code jakarta.servlet}
   * @param adviceClassName the package-specific advice class
   */
  public static List<TypeInstrumentation> forPackage(String servletPackage, String adviceClassName) {
    String request = servletPackage + ".ServletRequest";
    String response = servletPackage + ".ServletResponse";
    return Arrays.asList(
        entryPoint(
            servletPackage + ".Servlet",
            "service",
            named("service")
                .and(takesArguments(2))
                .and(takesArgument(0, named(request)))
                .and(takesArgument(1, named(response)))
                .and(isPublic())
                .and(not(isAbstract())),
            adviceClassName),
        entryPoint(
            servletPackage + ".Filter",
            "doFilter",
            named("doFilter")
                .and(takesArguments(3))
                .and(takesArgument(0, named(request)))
                .and(takesArgument(1, named(response)))
                .and(isPublic())
                .and(not(isAbstract())),
            adviceClassName));
  }

  private static TypeInstrumentation entryPoint(
      String interfaceName,
      String methodName,
      ElementMatcher<MethodDescription> method,
      String adviceClassName) {
    return TypeInstrumentation.forSubtypes(
        interfaceName, Collections.singletonMap(method, adviceClassName), methodName);
  }
}
