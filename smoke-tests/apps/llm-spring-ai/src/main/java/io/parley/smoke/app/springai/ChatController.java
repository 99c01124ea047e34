package io.parley.smoke.app.springai;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Spring AI's chat model, called and streamed; failures answer 502 with the exception's class. */
@RestController
public class ChatController {

  private final ChatModel chatModel;

  public ChatController(ChatModel chatModel) {
    this.chatModel = chatModel;
  }

  @GetMapping("/ready")
  public String ready() {
    return "ready";
  }

  @GetMapping("/ai/call")
  public ResponseEntity<String> call(@RequestParam(name = "q", defaultValue = "Hello") String q) {
    try {
      ChatResponse response = chatModel.call(new Prompt(q));
      return ResponseEntity.ok(response.getResult().getOutput().getText());
    } catch (RuntimeException e) {
      return ResponseEntity.status(502).body(e.getClass().getName());
    }
  }

  @GetMapping("/ai/stream")
  public ResponseEntity<String> stream(@RequestParam(name = "q", defaultValue = "Hello") String q) {
    try {
      List<ChatResponse> chunks = chatModel.stream(new Prompt(q)).collectList().block();
      String text =
          chunks.stream()
              .filter(c -> c.getResult() != null && c.getResult().getOutput() != null)
              .map(c -> c.getResult().getOutput().getText())
              .filter(Objects::nonNull)
              .collect(Collectors.joining());
      return ResponseEntity.ok(text);
    } catch (RuntimeException e) {
      return ResponseEntity.status(502).body(e.getClass().getName());
    }
  }
}
