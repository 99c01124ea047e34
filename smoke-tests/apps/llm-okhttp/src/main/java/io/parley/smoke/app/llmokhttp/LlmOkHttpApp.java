package io.parley.smoke.app.llmokhttp;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat (jakarta.servlet) application that knows nothing about Parley and calls LLM
 * APIs through OkHttp: the official OpenAI and Anthropic Java SDKs and raw OkHttp requests.
 * Arguments: the HTTP port. System property {@code llm.base.url}: the LLM provider's base URL
 * (e.g. {@code http://127.0.0.1:4010}); every provider is reached below it.
 */
public final class LlmOkHttpApp {

  private LlmOkHttpApp() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args.length > 0 ? args[0] : "8080");
    String baseUrl = System.getProperty("llm.base.url", "http://127.0.0.1:4010");

    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("llm-okhttp-tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "llm", new LlmServlet(new SdkCalls(baseUrl), new RawOkHttpCalls(baseUrl)));
    context.addServletMappingDecoded("/*", "llm");
    tomcat.start();
    System.out.println("llm-okhttp smoke app listening on 127.0.0.1:" + port + ", LLM at " + baseUrl);
    tomcat.getServer().await();
  }
}
