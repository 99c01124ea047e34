package io.parley.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A small chat service on embedded Tomcat: {@code POST /chat} asks an OpenAI-compatible LLM,
 * {@code GET /health} says it is up. It contains no tracing or session code at all; run it with
 * {@code -javaagent:parley-agent.jar} and the agent adds both.
 *
 * <p>Usage: {@code ChatService <port> [llm base url]}; the base URL defaults to
 * {@code OPENAI_BASE_URL}, the key comes from {@code OPENAI_API_KEY}, the model from
 * {@code OPENAI_MODEL} (default {@code gpt-4o-mini}).
 */
public final class ChatService {

  // held so the setting is not garbage-collected with the logger: Tomcat's INFO lines are noise here
  private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

  private ChatService() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ChatService <port> [llm base url]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String baseUrl = args.length > 1 ? args[1] : env("OPENAI_BASE_URL", "https://api.openai.com/v1");
    String apiKey = env("OPENAI_API_KEY", null);
    if (apiKey == null) {
      System.err.println("OPENAI_API_KEY is not set");
      System.exit(2);
    }
    OpenAiChatClient llm =
        new OpenAiChatClient(URI.create(baseUrl), apiKey, env("OPENAI_MODEL", "gpt-4o-mini"));

    TOMCAT_LOG.setLevel(Level.WARNING);
    Path baseDir = Files.createTempDirectory("chat-service-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);

    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "chat", new ChatServlet(llm));
    context.addServletMappingDecoded("/chat", "chat");
    Tomcat.addServlet(context, "health", new HealthServlet());
    context.addServletMappingDecoded("/health", "health");

    tomcat.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat, baseDir), "chat-service-stop"));
    System.out.println("chat service listening on http://127.0.0.1:" + port + ", LLM at " + baseUrl);
    tomcat.getServer().await();
  }

  private static void stop(Tomcat tomcat, Path baseDir) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      System.err.println("could not stop Tomcat cleanly: " + e);
    }
    try (Stream<Path> files = Files.walk(baseDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** {@code GET /health}. */
  static final class HealthServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":\"up\"}");
    }
  }
}
