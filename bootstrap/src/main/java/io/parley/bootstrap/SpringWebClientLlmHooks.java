package io.parley.bootstrap;

/**
 * Agent-side code that records LLM calls sent through a Spring WebClient connector that no
 * transport advice sees (Reactor Netty, Jetty's reactive client, HttpClient 5 async). Spring and
 * Reactor types travel as {@code Object}: they belong to the application's class loader.
 */
public interface SpringWebClientLlmHooks {

  /**
   * A connector is about to send a request ({@code method} a Spring {@code HttpMethod},
   * {@code uri} a {@code java.net.URI}): a handle for the exchange when it is an LLM call, else
   * null.
   */
  Object connect(Object method, Object uri);

  /**
   * The connector's request callback to use instead of {@code callback} (a {@code Function} from
   * {@code ClientHttpRequest} to {@code Mono<Void>}): it lets the agent see the request body.
   */
  Object requestCallback(Object exchange, Object callback);

  /**
   * What the connector returns instead of {@code response} (a {@code Mono<ClientHttpResponse>}),
   * or {@code response} itself; {@code thrown} when {@code connect} threw.
   */
  Object response(Object exchange, Object response, Throwable thrown);

  /**
   * The body publisher a request writes instead of {@code body}; {@code body} itself unless the
   * request belongs to an LLM exchange.
   */
  Object requestBody(Object request, Object body);

  /**
   * The body flux a response hands out instead of {@code body}; {@code body} itself unless the
   * response belongs to an LLM exchange.
   */
  Object responseBody(Object response, Object body);
}
