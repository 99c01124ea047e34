package io.parley.smoke.app.llmjdk;

import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An LLM request with Spring's WebClient on Reactor Netty (its default connector) or on the JDK
 * HttpClient, blocking for the answer on the thread serving the request: status, and the body
 * bytes as they came.
 */
final class WebClientCalls {

  private static final WebClient NETTY =
      WebClient.builder().clientConnector(new ReactorClientHttpConnector()).build();
  private static final WebClient JDK =
      WebClient.builder().clientConnector(new JdkClientHttpConnector()).build();

  private WebClientCalls() {}

  static Upstream post(boolean jdk, String url, String json, String authHeader) {
    int colon = authHeader.indexOf(':');
    return (jdk ? JDK : NETTY)
        .post()
        .uri(url)
        .header(authHeader.substring(0, colon), authHeader.substring(colon + 1))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchangeToMono(
            response ->
                response
                    .bodyToMono(byte[].class)
                    .defaultIfEmpty(new byte[0])
                    .map(body -> new Upstream(response.statusCode().value(), body)))
        .block(Duration.ofSeconds(30));
  }
}
