package io.parley.instrumentation.apachehttpclient.v5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RequestUrlTest {

  @Test
  void hostPortAndPath() {
    assertEquals(
        "https://api.openai.com/v1/chat/completions",
        RequestUrl.of("https", "api.openai.com", -1, "/v1/chat/completions"));
    assertEquals(
        "http://127.0.0.1:8080/api/chat?x=1", RequestUrl.of("http", "127.0.0.1", 8080, "/api/chat?x=1"));
  }

  @Test
  void missingSchemeIsHttpAndMissingPathIsRoot() {
    assertEquals("http://localhost/", RequestUrl.of(null, "localhost", -1, null));
    assertEquals("http://localhost/v1", RequestUrl.of(null, "localhost", -1, "v1"));
  }

  @Test
  void ipv6LiteralIsBracketed() {
    assertEquals("http://[::1]:11434/api/chat", RequestUrl.of("http", "::1", 11434, "/api/chat"));
  }

  @Test
  void absoluteRequestTargetWins() {
    assertEquals(
        "https://example.com/v1/embeddings",
        RequestUrl.of("http", "proxy", 3128, "https://example.com/v1/embeddings"));
  }

  @Test
  void unknownHostGivesNoUrl() {
    assertNull(RequestUrl.of("http", null, -1, "/v1/chat/completions"));
  }
}
