package io.parley.benchmarks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The service the overhead harness launches three ways (no agent, Parley, the OpenTelemetry Java
 * agent): Spring Boot 3 on embedded Tomcat, calling an LLM through {@code java.net.http}. The
 * provider's base URL comes from {@code -Dbench.llm.base} (and {@code -Dbench.llm.pacedBase} for
 * the provider that paces its stream events).
 */
@SpringBootApplication
public class BenchmarkApplication {

  public static void main(String[] args) {
    SpringApplication.run(BenchmarkApplication.class, args);
  }
}
