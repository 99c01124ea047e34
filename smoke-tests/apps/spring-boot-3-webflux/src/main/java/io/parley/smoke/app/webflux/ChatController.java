package io.parley.smoke.app.webflux;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Plain and failing endpoints, chat endpoints that call the LLM with WebClient, and Spring AI's
 * chat model streamed.
 */
@RestController
public class ChatController {

  private final WebClient llm;
  private final ChatModel chatModel;

  public ChatController(WebClient.Builder builder, ChatModel chatModel) {
    this.chatModel = chatModel;
    this.llm =
        builder
            .baseUrl(System.getProperty("chat.llm", "http://127.0.0.1:9"))
            .defaultHeader("Authorization", "Bearer " + WebFluxChatApplication.API_KEY)
            .build();
  }

  @GetMapping("/ready")
  public Mono<String> ready() {
    return Mono.just("ready");
  }

  @GetMapping("/hello")
  public Mono<String> hello() {
    return Mono.just("hello");
  }

  @GetMapping("/items/{id}")
  public Mono<String> item(@PathVariable String id) {
    return Mono.just("item " + id);
  }

  @GetMapping("/fail")
  public Mono<String> fail() {
    return Mono.error(new IllegalStateException("the handler failed"));
  }

  /** One chat completion; answers the provider's body. */
  @GetMapping("/chat")
  public Mono<String> chat(@RequestParam(defaultValue = "Say hello") String q) {
    return llm.post()
        .uri("/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(request(q, false))
        .retrieve()
        .bodyToMono(String.class);
  }

  /** The same, streamed: each server-sent event's data relayed to the client as it arrives. */
  @GetMapping(value = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<String> chatStream(@RequestParam(defaultValue = "Say hello") String q) {
    return llm.post()
        .uri("/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(request(q, true))
        .retrieve()
        .bodyToFlux(String.class);
  }

  /** Spring AI's stream, returned to WebFlux as it is: each chunk's text relayed as it comes. */
  @GetMapping(value = "/ai/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<String> aiStream(@RequestParam(defaultValue = "Hello") String q) {
    return chatModel.stream(new Prompt(q))
        .filter(chunk -> chunk.getResult() != null && chunk.getResult().getOutput() != null)
        .mapNotNull(chunk -> chunk.getResult().getOutput().getText());
  }

  private static String request(String q, boolean stream) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + q.replace("\"", "'")
        + "\"}]"
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "")
        + "}";
  }
}
