package io.parley.smoke.app.springai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot 3.5 service using Spring AI's OpenAI chat model (pointed at a fake provider by
 * {@code --spring.ai.openai.base-url}) and making raw Apache HttpClient 5 calls to LLM endpoints.
 * Every endpoint answers with exactly what the application read, so a test can compare runs with
 * and without the agent.
 */
@SpringBootApplication
public class SpringAiSmokeApplication {

  public static void main(String[] args) {
    SpringApplication.run(SpringAiSmokeApplication.class, args);
  }
}
