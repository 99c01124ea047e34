package io.parley.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Calls an OpenAI-compatible Chat Completions endpoint with the JDK's {@link HttpClient}: what a
 * service without an SDK typically does. Nothing here knows about Parley.
 */
final class OpenAiChatClient {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI completionsUrl;
  private final String apiKey;
  private final String model;

  OpenAiChatClient(URI baseUrl, String apiKey, String model) {
    String base = baseUrl.toString();
    this.completionsUrl = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    this.apiKey = apiKey;
    this.model = model;
  }

  /** Sends one question and waits for the whole answer. */
  String complete(String systemPrompt, String question) throws IOException, InterruptedException {
    ObjectNode request = request(systemPrompt, question);
    HttpResponse<String> response =
        http.send(post(request), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("LLM answered " + response.statusCode() + ": " + response.body());
    }
    return json.readTree(response.body()).path("choices").path(0).path("message").path("content").asText();
  }

  /** Sends one question with {@code "stream": true} and joins the streamed pieces. */
  String completeStreaming(String systemPrompt, String question)
      throws IOException, InterruptedException {
    ObjectNode request = request(systemPrompt, question);
    request.put("stream", true);
    request.putObject("stream_options").put("include_usage", true);
    HttpResponse<Stream<String>> response =
        http.send(post(request), HttpResponse.BodyHandlers.ofLines());
    StringBuilder answer = new StringBuilder();
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("LLM answered " + response.statusCode());
      }
      for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (!line.startsWith("data: ")) {
          continue; // blank separators, comments, event names
        }
        String data = line.substring("data: ".length());
        if (data.equals("[DONE]")) {
          break;
        }
        JsonNode delta = json.readTree(data).path("choices").path(0).path("delta");
        answer.append(delta.path("content").asText(""));
      }
    }
    return answer.toString();
  }

  private ObjectNode request(String systemPrompt, String question) {
    ObjectNode request = json.createObjectNode();
    request.put("model", model);
    request.putArray("messages")
        .add(json.createObjectNode().put("role", "system").put("content", systemPrompt))
        .add(json.createObjectNode().put("role", "user").put("content", question));
    return request;
  }

  private HttpRequest post(ObjectNode body) throws IOException {
    return HttpRequest.newBuilder(completionsUrl)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + apiKey)
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
        .build();
  }
}
