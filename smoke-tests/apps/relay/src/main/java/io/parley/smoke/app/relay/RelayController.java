package io.parley.smoke.app.relay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /a} calls the next service, {@code /b} calls the LLM; see {@link RelayApplication}. */
@RestController
public class RelayController {

  private static final String CHAT =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";

  private final HttpTransports transports = new HttpTransports();

  @GetMapping("/ready")
  public String ready() {
    return "ready";
  }

  /**
   * Service A: calls B's {@code /b} with client {@code via}, B calling the LLM with {@code then}
   * (the same client unless named); answers what B answered.
   */
  @GetMapping("/a")
  public String a(
      @RequestParam(defaultValue = "jdk") String via, @RequestParam(required = false) String then)
      throws Exception {
    String next = System.getProperty("relay.next");
    String llmVia = then == null ? via : then;
    HttpTransports.Answer answer =
        transports.get(via, next + "?via=" + URLEncoder.encode(llmVia, StandardCharsets.UTF_8));
    return "a(" + answer.status() + " " + answer.body() + ")";
  }

  /** Service B: one chat completion with the named client; answers the LLM's status. */
  @GetMapping("/b")
  public String b(@RequestParam(defaultValue = "jdk") String via) throws Exception {
    String url = System.getProperty("relay.llm") + "/chat/completions";
    HttpTransports.Answer answer =
        transports.post(
            via, url, CHAT, Map.of("Authorization", "Bearer " + RelayApplication.API_KEY));
    return "b(" + answer.status() + ")";
  }
}
