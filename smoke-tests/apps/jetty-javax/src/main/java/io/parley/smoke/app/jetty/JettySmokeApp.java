package io.parley.smoke.app.jetty;

import java.util.Collections;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.security.Credential;

/**
 * A plain embedded Jetty 9.4 (javax.servlet 3.1) application that knows nothing about Parley.
 * Port: first argument, else env {@code PORT}, else 8080. Binds 127.0.0.1 only.
 */
public final class JettySmokeApp {

  private JettySmokeApp() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args.length > 0 ? args[0] : envOr("PORT", "8080"));
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SECURITY);
    context.setContextPath("/");
    context.setSecurityHandler(basicAuthFor("/secure/*"));
    addFilter(context, new MarkingFilter("X-Filter-Outer"));
    addFilter(context, new MarkingFilter("X-Filter-Inner"));
    addServlet(context, new TextServlet("ready"), "/ready");
    addServlet(context, new TextServlet("hello from jetty-javax"), "/hello");
    addServlet(context, new TextServlet("an item"), "/items/*");
    addServlet(context, new AsyncServlet(), "/async");
    addServlet(context, new ConflictsServlet(), "/conflicts");
    addServlet(context, new OkHttpLlmServlet(), "/okhttp-llm");
    addServlet(context, new PrincipalServlet(), "/secure/*");
    server.setHandler(context);

    server.setStopAtShutdown(true);
    server.start();
    System.out.println("jetty-javax smoke app listening on 127.0.0.1:" + port);
    server.join();
  }

  /** Container-managed BASIC authentication (user erin / erin-password) on {@code pathSpec}. */
  private static ConstraintSecurityHandler basicAuthFor(String pathSpec) {
    UserStore users = new UserStore();
    users.addUser("erin", Credential.getCredential("erin-password"), new String[] {"user"});
    HashLoginService loginService = new HashLoginService("smoke");
    loginService.setUserStore(users);

    Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, "user");
    constraint.setAuthenticate(true);
    ConstraintMapping mapping = new ConstraintMapping();
    mapping.setPathSpec(pathSpec);
    mapping.setConstraint(constraint);

    ConstraintSecurityHandler security = new ConstraintSecurityHandler();
    security.setLoginService(loginService);
    security.setAuthenticator(new BasicAuthenticator());
    security.setConstraintMappings(Collections.singletonList(mapping));
    return security;
  }

  private static void addFilter(ServletContextHandler context, javax.servlet.Filter filter) {
    FilterHolder holder = new FilterHolder(filter);
    holder.setAsyncSupported(true);
    context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
  }

  private static void addServlet(
      ServletContextHandler context, javax.servlet.Servlet servlet, String path) {
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, path);
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
