package io.parley.smoke.app.tomcatwebapp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code /chat}: one OpenAI chat completion over java.net.http to the base URL in system property
 * {@code webapp.llm}, with the API key in environment variable {@code WEBAPP_API_KEY} (Tomcat logs
 * its command line); answers the provider's status.
 */
@WebServlet(urlPatterns = "/chat")
public class ChatServlet extends TextServlet {

  private static final String CHAT =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpRequest chat =
        HttpRequest.newBuilder(URI.create(System.getProperty("webapp.llm") + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + System.getenv("WEBAPP_API_KEY"))
            .POST(HttpRequest.BodyPublishers.ofString(CHAT))
            .build();
    try {
      HttpResponse<String> answer = client.send(chat, HttpResponse.BodyHandlers.ofString());
      text(response, 200, "status=" + answer.statusCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      text(response, 500, "interrupted");
    }
  }
}
