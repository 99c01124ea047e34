package io.parley.smoke.app.llmjdk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot 3 service (embedded Tomcat) that calls LLM APIs through the JDK's own HTTP
 * clients and LangChain4j, knowing nothing about Parley. Every endpoint takes the provider's base
 * URL as {@code base} and answers exactly the bytes it read from the provider, with the provider's
 * status in {@code X-Upstream-Status}, so a test can compare them with what was sent.
 */
@SpringBootApplication
public class LlmJdkApplication {

  /** The API key the service sends; telemetry must never carry it. */
  static final String API_KEY = System.getProperty("llm.apiKey", "sk-parley-smoke-key-never-exported");

  public static void main(String[] args) {
    SpringApplication.run(LlmJdkApplication.class, args);
  }
}
