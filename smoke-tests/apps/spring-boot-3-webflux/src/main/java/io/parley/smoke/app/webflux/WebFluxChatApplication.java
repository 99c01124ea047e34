package io.parley.smoke.app.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot 3 WebFlux service on Reactor Netty that knows nothing about Parley; its chat
 * endpoints call the OpenAI-compatible API at {@code -Dchat.llm=base URL} with WebClient.
 */
@SpringBootApplication
public class WebFluxChatApplication {

  /** The API key sent to the LLM; telemetry must never carry it. */
  static final String API_KEY = System.getProperty("chat.apiKey", "sk-parley-webflux-never-exported");

  public static void main(String[] args) {
    SpringApplication.run(WebFluxChatApplication.class, args);
  }
}
