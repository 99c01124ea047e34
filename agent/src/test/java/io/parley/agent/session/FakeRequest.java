package io.parley.agent.session;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A request made of maps, standing in for the servlet request the agent adapts. */
final class FakeRequest implements RequestFacts {

  private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, String> baggage = new HashMap<>();
  private final Map<String, String> baggageMetadata = new HashMap<>();
  private String principal;

  static FakeRequest request() {
    return new FakeRequest();
  }

  FakeRequest withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  FakeRequest withBaggage(String key, String value) {
    baggage.put(key, value);
    return this;
  }

  FakeRequest withBaggage(String key, String value, String metadata) {
    baggageMetadata.put(key, metadata);
    return withBaggage(key, value);
  }

  FakeRequest withCookies(String cookieHeader) {
    return withHeader("Cookie", cookieHeader);
  }

  FakeRequest withPrincipal(String name) {
    principal = name;
    return this;
  }

  @Override
  public String header(String name) {
    return headers.get(name);
  }

  @Override
  public String baggage(String key) {
    return baggage.get(key);
  }

  @Override
  public String baggageMetadata(String key) {
    return baggageMetadata.get(key);
  }

  @Override
  public String principal() {
    return principal;
  }
}
