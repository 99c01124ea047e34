package io.parley.agent.llm;

/** An outbound HTTP request recognised as an LLM API call: which API, which provider, where. */
public final class LlmEndpoint {

  private final LlmApi api;
  private final String providerName;
  private final String serverAddress;
  private final int serverPort;

  public LlmEndpoint(LlmApi api, String providerName, String serverAddress, int serverPort) {
    this.api = api;
    this.providerName = providerName;
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
  }

  public LlmApi api() {
    return api;
  }

  /** {@code gen_ai.provider.name}: from the host when known, else the API's default. */
  public String providerName() {
    return providerName;
  }

  /** {@code server.address}: the host, lower-case. */
  public String serverAddress() {
    return serverAddress;
  }

  /** {@code server.port}, as given by the caller ({@code -1} or 0 when unknown). */
  public int serverPort() {
    return serverPort;
  }

  @Override
  public String toString() {
    return api + " " + providerName + " " + serverAddress + ":" + serverPort;
  }
}
