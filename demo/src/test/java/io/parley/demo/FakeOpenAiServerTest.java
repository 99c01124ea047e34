package io.parley.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOpenAiServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUESTION =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
          + "{\"role\":\"user\",\"content\":\"Where is my order?\"}]";

  private final FakeOpenAiServer server = startServer();
  private final HttpClient http = HttpClient.newHttpClient();

  private static FakeOpenAiServer startServer() {
    try {
      return FakeOpenAiServer.start();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersAChatCompletionWithUsageAndADatedModel() throws Exception {
    HttpResponse<String> response = post(QUESTION + "}", "Bearer sk-test");

    assertEquals(200, response.statusCode());
    JsonNode body = JSON.readTree(response.body());
    assertEquals("chat.completion", body.get("object").asText());
    assertEquals("gpt-4o-mini-2024-07-18", body.get("model").asText());
    assertTrue(body.get("id").asText().startsWith("chatcmpl-"));
    JsonNode choice = body.get("choices").get(0);
    assertEquals("assistant", choice.get("message").get("role").asText());
    assertTrue(choice.get("message").get("content").asText().startsWith("Order #1042"));
    assertEquals("stop", choice.get("finish_reason").asText());
    JsonNode usage = body.get("usage");
    // 3 for the reply + (4 + 3 tokens for 2 words) + (4 + 6 tokens for 4 words)
    assertEquals(20, usage.get("prompt_tokens").asInt());
    assertEquals(
        usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(),
        usage.get("total_tokens").asInt());
    assertEquals(0, usage.get("prompt_tokens_details").get("cached_tokens").asInt());
    assertEquals(0, usage.get("completion_tokens_details").get("reasoning_tokens").asInt());
  }

  @Test
  void streamsChunksThenAUsageChunkWithoutChoicesThenDone() throws Exception {
    HttpResponse<String> response =
        post(QUESTION + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}", "Bearer k");

    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<String> events =
        response.body().lines().filter(line -> line.startsWith("data: ")).map(l -> l.substring(6)).toList();
    assertEquals("[DONE]", events.get(events.size() - 1));
    JsonNode first = JSON.readTree(events.get(0));
    assertEquals("chat.completion.chunk", first.get("object").asText());
    assertEquals("assistant", first.get("choices").get(0).get("delta").get("role").asText());
    JsonNode last = JSON.readTree(events.get(events.size() - 3));
    assertEquals("stop", last.get("choices").get(0).get("finish_reason").asText());
    JsonNode usageChunk = JSON.readTree(events.get(events.size() - 2));
    assertEquals(0, usageChunk.get("choices").size());
    assertEquals(20, usageChunk.get("usage").get("prompt_tokens").asInt());
    StringBuilder text = new StringBuilder();
    for (String event : events.subList(0, events.size() - 2)) {
      text.append(JSON.readTree(event).get("choices").get(0).get("delta").path("content").asText(""));
    }
    assertEquals(CannedAnswers.answer("Where is my order?"), text.toString());
  }

  @Test
  void rejectsARequestWithoutApiKeyLikeOpenAi() throws Exception {
    HttpResponse<String> response = post(QUESTION + "}", null);

    assertEquals(401, response.statusCode());
    assertEquals("invalid_request_error", JSON.readTree(response.body()).get("error").get("type").asText());
  }

  @Test
  void clientGetsTheSameAnswerStreamedOrNot() throws Exception {
    OpenAiChatClient client = new OpenAiChatClient(server.baseUrl(), "sk-test", "gpt-4o-mini");

    String whole = client.complete("Be brief.", "I want a refund");
    String streamed = client.completeStreaming("Be brief.", "I want a refund");

    assertEquals(CannedAnswers.answer("refund"), whole);
    assertEquals(whole, streamed);
    assertEquals(2, server.completionCount());
  }

  private HttpResponse<String> post(String body, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.baseUrl().resolve("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
