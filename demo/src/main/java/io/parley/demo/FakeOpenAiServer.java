package io.parley.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for OpenAI's {@code POST /v1/chat/completions}: the real wire format (plain
 * JSON, or server-sent events when {@code "stream": true}), canned answers, and token counts that
 * depend only on the text, so the demo prints the same numbers every time.
 */
public final class FakeOpenAiServer implements AutoCloseable {

  /** What OpenAI answers in {@code model} when asked for an alias. */
  private static final Map<String, String> DATED_MODELS =
      Map.of(
          "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
          "gpt-4o", "gpt-4o-2024-08-06",
          "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14");

  private static final long STREAM_CHUNK_DELAY_MILLIS = 5;

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger completionCount = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService executor;

  private FakeOpenAiServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the server on 127.0.0.1 and a free port. */
  public static FakeOpenAiServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "fake-openai");
              thread.setDaemon(true);
              return thread;
            });
    FakeOpenAiServer fake = new FakeOpenAiServer(server, executor);
    server.createContext("/v1/chat/completions", fake::handle);
    server.setExecutor(executor);
    server.start();
    return fake;
  }

  /** The base URL an OpenAI client is configured with, e.g. {@code http://127.0.0.1:40123/v1}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  /** How many completions were answered so far. */
  public int completionCount() {
    return completionCount.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        sendError(exchange, 405, "Method not allowed; use POST.");
        return;
      }
      if (!exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
        sendError(exchange, 404, "Unknown path " + exchange.getRequestURI().getPath());
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !authorization.startsWith("Bearer ")) {
        sendError(exchange, 401, "You didn't provide an API key.");
        return;
      }
      JsonNode request;
      try (InputStream body = exchange.getRequestBody()) {
        request = json.readTree(body);
      } catch (IOException e) {
        sendError(exchange, 400, "We could not parse the JSON body of your request.");
        return;
      }
      if (request == null || !request.path("model").isTextual()) {
        sendError(exchange, 400, "you must provide a model parameter");
        return;
      }
      if (!request.path("messages").isArray() || request.path("messages").isEmpty()) {
        sendError(exchange, 400, "'messages' must be a non-empty array");
        return;
      }
      answer(exchange, request);
    }
  }

  private void answer(HttpExchange exchange, JsonNode request) throws IOException {
    Completion completion = complete(request);
    exchange.getResponseHeaders().set("x-request-id", "req_" + completion.id().substring(9));
    if (request.path("stream").asBoolean(false)) {
      boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
      stream(exchange, completion, includeUsage);
    } else {
      sendJson(exchange, 200, completionJson(completion));
    }
  }

  private Completion complete(JsonNode request) {
    int number = completionCount.incrementAndGet();
    String requested = request.path("model").asText();
    List<String> words = List.of(CannedAnswers.answer(lastUserText(request)).split(" "));
    int maxTokens =
        request.path("max_completion_tokens").asInt(request.path("max_tokens").asInt(0));
    String finishReason = "stop";
    if (maxTokens > 0 && TokenCount.ofWords(words.size()) > maxTokens) {
      words = words.subList(0, Math.max(1, maxTokens * 3 / 4));
      finishReason = "length";
    }
    int promptTokens = TokenCount.ofPrompt(request.path("messages"));
    return new Completion(
        String.format("chatcmpl-demo%06d", number),
        System.currentTimeMillis() / 1000,
        DATED_MODELS.getOrDefault(requested, requested),
        words,
        finishReason,
        promptTokens,
        TokenCount.cachedOf(promptTokens),
        TokenCount.ofWords(words.size()));
  }

  private ObjectNode completionJson(Completion completion) {
    ObjectNode body = envelope(completion, "chat.completion");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", String.join(" ", completion.words()));
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", completion.finishReason());
    body.set("usage", usageJson(completion));
    body.put("service_tier", "default");
    return body;
  }

  private void stream(HttpExchange exchange, Completion completion, boolean includeUsage)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0); // chunked
    OutputStream out = exchange.getResponseBody();
    List<ObjectNode> deltas = new ArrayList<>();
    deltas.add(json.createObjectNode().put("role", "assistant").put("content", ""));
    List<String> words = completion.words();
    for (int i = 0; i < words.size(); i++) {
      deltas.add(json.createObjectNode().put("content", (i == 0 ? "" : " ") + words.get(i)));
    }
    for (ObjectNode delta : deltas) {
      sendEvent(out, chunk(completion, delta, null, includeUsage));
      pause();
    }
    sendEvent(out, chunk(completion, json.createObjectNode(), completion.finishReason(), includeUsage));
    if (includeUsage) {
      // the last chunk carries the usage of the whole stream and no choices
      ObjectNode usageChunk = envelope(completion, "chat.completion.chunk");
      usageChunk.putArray("choices");
      usageChunk.set("usage", usageJson(completion));
      sendEvent(out, usageChunk);
    }
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private ObjectNode chunk(
      Completion completion, ObjectNode delta, String finishReason, boolean includeUsage) {
    ObjectNode chunk = envelope(completion, "chat.completion.chunk");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private ObjectNode envelope(Completion completion, String object) {
    ObjectNode body = json.createObjectNode();
    body.put("id", completion.id());
    body.put("object", object);
    body.put("created", completion.created());
    body.put("model", completion.model());
    body.put("system_fingerprint", "fp_parleydemo");
    return body;
  }

  private ObjectNode usageJson(Completion completion) {
    ObjectNode usage = json.createObjectNode();
    usage.put("prompt_tokens", completion.promptTokens());
    usage.put("completion_tokens", completion.completionTokens());
    usage.put("total_tokens", completion.promptTokens() + completion.completionTokens());
    usage.putObject("prompt_tokens_details")
        .put("cached_tokens", completion.cachedTokens())
        .put("audio_tokens", 0);
    usage.putObject("completion_tokens_details")
        .put("reasoning_tokens", 0)
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return usage;
  }

  private void sendEvent(OutputStream out, ObjectNode data) throws IOException {
    out.write(("data: " + json.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void sendError(HttpExchange exchange, int status, String message) throws IOException {
    ObjectNode body = json.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", "invalid_request_error");
    error.putNull("param");
    error.putNull("code");
    sendJson(exchange, status, body);
  }

  private static String lastUserText(JsonNode request) {
    String text = "";
    for (JsonNode message : request.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        text = TokenCount.textOf(message.path("content"));
      }
    }
    return text;
  }

  private static void pause() {
    try {
      Thread.sleep(STREAM_CHUNK_DELAY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One answer, before it is written as JSON or as a stream of chunks. */
  private record Completion(
      String id,
      long created,
      String model,
      List<String> words,
      String finishReason,
      int promptTokens,
      int cachedTokens,
      int completionTokens) {}
}
