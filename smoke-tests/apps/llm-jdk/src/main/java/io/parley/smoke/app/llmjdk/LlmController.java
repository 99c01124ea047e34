package io.parley.smoke.app.llmjdk;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that each make LLM calls the way a service would; see {@link LlmJdkApplication}. */
@RestController
public class LlmController {

  private static final String PROMPT = "Say hello";

  @GetMapping("/ready")
  public String ready() {
    return "ready";
  }

  @GetMapping("/plain")
  public String plain() {
    return "no LLM here";
  }

  /**
   * OpenAI chat completions over java.net.http ({@code transport=jdk}), HttpURLConnection
   * ({@code urlconnection}) or Spring's WebClient on Reactor Netty ({@code webclient-netty}) or on
   * the JDK HttpClient ({@code webclient-jdk}, whose request body is a one-shot publisher).
   */
  @GetMapping("/llm/openai")
  public ResponseEntity<byte[]> openAi(
      @RequestParam String base,
      @RequestParam(defaultValue = "send") String mode,
      @RequestParam(defaultValue = "false") boolean stream,
      @RequestParam(defaultValue = "bytes") String handler,
      @RequestParam(defaultValue = "jdk") String transport,
      @RequestParam(defaultValue = "gpt-4o-mini") String model)
      throws IOException, InterruptedException {
    String json =
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]"
            + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "")
            + "}";
    String auth = "Authorization:Bearer " + LlmJdkApplication.API_KEY;
    String url = base + "/chat/completions";
    Upstream upstream =
        switch (transport) {
          case "urlconnection" -> UrlConnectionCalls.post(url, json, auth);
          case "webclient-netty" -> WebClientCalls.post(false, url, json, auth);
          case "webclient-jdk" -> WebClientCalls.post(true, url, json, auth);
          default -> JdkHttpCalls.post(url, json, mode, handler, auth);
        };
    return answer(upstream);
  }

  /** Gemini generateContent, or streamGenerateContent as server-sent events. */
  @GetMapping("/llm/gemini")
  public ResponseEntity<byte[]> gemini(
      @RequestParam String base,
      @RequestParam(defaultValue = "send") String mode,
      @RequestParam(defaultValue = "false") boolean stream,
      @RequestParam(defaultValue = "gemini-2.0-flash") String model)
      throws IOException, InterruptedException {
    String json = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + PROMPT + "\"}]}]}";
    String url =
        base + "/v1beta/models/" + model
            + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    return answer(
        JdkHttpCalls.post(
            url, json, mode, stream ? "stream" : "bytes", "x-goog-api-key:" + LlmJdkApplication.API_KEY));
  }

  /** Ollama /api/chat, streaming NDJSON (Ollama's default). */
  @GetMapping("/llm/ollama")
  public ResponseEntity<byte[]> ollama(
      @RequestParam String base,
      @RequestParam(defaultValue = "send") String mode,
      @RequestParam(defaultValue = "llama3.2") String model)
      throws IOException, InterruptedException {
    String json =
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    return answer(JdkHttpCalls.post(base + "/api/chat", json, mode, "lines", null));
  }

  /** Bedrock Converse through the AWS SDK (Apache HttpClient 4 underneath). */
  @GetMapping("/llm/bedrock-sdk")
  public String bedrockSdk(
      @RequestParam String base,
      @RequestParam(defaultValue = "anthropic.claude-3-haiku-20240307-v1:0") String model) {
    return BedrockCalls.converse(base, model);
  }

  /** Bedrock converse-stream over java.net.http: the binary AWS event stream, as bytes. */
  @GetMapping("/llm/bedrock-stream")
  public ResponseEntity<byte[]> bedrockStream(
      @RequestParam String base,
      @RequestParam(defaultValue = "send") String mode,
      @RequestParam(defaultValue = "amazon.nova-pro-v1:0") String model)
      throws IOException, InterruptedException {
    String json = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + PROMPT + "\"}]}]}";
    String url = base + "/model/" + java.net.URLEncoder.encode(model, java.nio.charset.StandardCharsets.UTF_8) + "/converse-stream";
    return answer(JdkHttpCalls.post(url, json, mode, "stream", null));
  }

  /** LangChain4j's OpenAI chat models with their default (JDK HttpClient) transport. */
  @GetMapping("/llm/langchain4j")
  public String langChain4j(
      @RequestParam String base,
      @RequestParam(defaultValue = "false") boolean stream,
      @RequestParam(defaultValue = "gpt-4o-mini") String model)
      throws Exception {
    if (!stream) {
      OpenAiChatModel chat =
          OpenAiChatModel.builder()
              .baseUrl(base)
              .apiKey(LlmJdkApplication.API_KEY)
              .modelName(model)
              .maxRetries(0)
              .timeout(Duration.ofSeconds(30))
              .build();
      return chat.chat(PROMPT);
    }
    OpenAiStreamingChatModel chat =
        OpenAiStreamingChatModel.builder()
            .baseUrl(base)
            .apiKey(LlmJdkApplication.API_KEY)
            .modelName(model)
            .timeout(Duration.ofSeconds(30))
            .build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    StringBuilder partials = new StringBuilder();
    chat.chat(
        PROMPT,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            synchronized (partials) {
              partials.append(partial);
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    ChatResponse response = done.get(30, TimeUnit.SECONDS);
    synchronized (partials) {
      return partials + "|" + response.aiMessage().text();
    }
  }

  /** Two LLM calls in one request: one turn, whose totals add both. */
  @GetMapping("/llm/twice")
  public String twice(@RequestParam String base) throws IOException, InterruptedException {
    ResponseEntity<byte[]> first = openAi(base, "send", false, "bytes", "jdk", "gpt-4o-mini");
    ResponseEntity<byte[]> second = openAi(base, "async", true, "stream", "jdk", "gpt-4o-mini");
    return first.getHeaders().getFirst("X-Upstream-Status")
        + " " + second.getHeaders().getFirst("X-Upstream-Status");
  }

  private static ResponseEntity<byte[]> answer(Upstream upstream) {
    return ResponseEntity.ok()
        .header("X-Upstream-Status", String.valueOf(upstream.status()))
        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM_VALUE)
        .body(upstream.body());
  }
}
