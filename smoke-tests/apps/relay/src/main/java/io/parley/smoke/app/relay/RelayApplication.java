package io.parley.smoke.app.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot 3 service that knows nothing about Parley, launched twice: as service A, whose
 * {@code /a} calls service B's {@code /b} ({@code -Drelay.next=URL of /b}), and as service B, whose
 * {@code /b} calls an OpenAI-compatible LLM API ({@code -Drelay.llm=base URL}). The query parameter
 * {@code via} names the HTTP client both calls go through; A passes it on to B.
 */
@SpringBootApplication
public class RelayApplication {

  /** The API key B sends to the LLM; telemetry must never carry it. */
  static final String API_KEY = System.getProperty("relay.apiKey", "sk-parley-relay-never-exported");

  public static void main(String[] args) {
    SpringApplication.run(RelayApplication.class, args);
  }
}
