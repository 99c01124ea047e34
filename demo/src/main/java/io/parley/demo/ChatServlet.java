package io.parley.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /chat} with {@code {"message": "...", "stream": false}}: asks the LLM and answers
 * {@code {"reply": "..."}}. It has no idea which session or user is talking; the agent does.
 */
final class ChatServlet extends HttpServlet {

  private static final String SYSTEM_PROMPT =
      "You are the support assistant of an online shop. Answer in two sentences at most.";

  private final ObjectMapper json = new ObjectMapper();
  private final OpenAiChatClient llm;

  ChatServlet(OpenAiChatClient llm) {
    this.llm = llm;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonNode body;
    try {
      body = json.readTree(request.getInputStream());
    } catch (IOException e) {
      reply(response, 400, "error", "the body must be JSON");
      return;
    }
    String message = body == null ? "" : body.path("message").asText("").trim();
    if (message.isEmpty()) {
      reply(response, 400, "error", "\"message\" is required");
      return;
    }
    try {
      String answer =
          body.path("stream").asBoolean(false)
              ? llm.completeStreaming(SYSTEM_PROMPT, message)
              : llm.complete(SYSTEM_PROMPT, message);
      reply(response, 200, "reply", answer);
    } catch (IOException e) {
      log("LLM call failed", e);
      reply(response, 502, "error", "the assistant is unavailable right now");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply(response, 503, "error", "shutting down");
    }
  }

  private void reply(HttpServletResponse response, int status, String field, String value)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getWriter(), json.createObjectNode().put(field, value));
  }
}
