package io.parley.agent.llm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises outbound LLM API calls by method, path and host: the API by the path's ending (so
 * proxies, Azure deployments and self-hosted {@code /v1} servers match), the provider by the
 * host. Generic endings are only trusted where they are unambiguous: on other hosts,
 * {@code /responses} and {@code /embeddings} need a {@code /v1} or {@code /openai} segment
 * before them, and Ollama's {@code /api/chat} and {@code /api/generate} need port 11434 or a
 * host naming ollama; configured hosts match every known path. Immutable and thread-safe;
 * classification allocates nothing unless it matches.
 */
public final class LlmEndpoints {

  private static final int OLLAMA_PORT = 11434;
  private static final Map<String, String> PROVIDER_HOSTS = new HashMap<String, String>();

  static {
    PROVIDER_HOSTS.put("api.openai.com", "openai");
    PROVIDER_HOSTS.put("api.anthropic.com", "anthropic");
    PROVIDER_HOSTS.put("generativelanguage.googleapis.com", "gcp.gemini");
    PROVIDER_HOSTS.put("aiplatform.googleapis.com", "gcp.vertex_ai");
    PROVIDER_HOSTS.put("api.deepseek.com", "deepseek");
    PROVIDER_HOSTS.put("api.groq.com", "groq");
    PROVIDER_HOSTS.put("api.mistral.ai", "mistral_ai");
    PROVIDER_HOSTS.put("api.x.ai", "x_ai");
    PROVIDER_HOSTS.put("api.perplexity.ai", "perplexity");
  }

  /** Configured host to its ports (null: any port). */
  private final Map<String, int[]> extraHosts;
  private final String[] extraChatSuffixes;

  /** Recognises the well-known providers and OpenAI-compatible servers by path. */
  public LlmEndpoints() {
    this(Collections.<String>emptyList(), Collections.<String>emptyList());
  }

  /**
   * @param extraHosts {@code host} or {@code host:port} entries whose requests are LLM calls
   *     whenever the path matches any known API (and which get no session headers)
   * @param extraChatPathSuffixes path endings, on any host, treated as OpenAI chat completions
   */
  public LlmEndpoints(List<String> extraHosts, List<String> extraChatPathSuffixes) {
    this.extraHosts = parseHosts(extraHosts);
    List<String> suffixes = new ArrayList<String>();
    if (extraChatPathSuffixes != null) {
      for (String suffix : extraChatPathSuffixes) {
        String s = suffix == null ? "" : suffix.trim();
        while (s.endsWith("/")) {
          s = s.substring(0, s.length() - 1);
        }
        if (!s.isEmpty()) {
          suffixes.add(s.startsWith("/") ? s : "/" + s);
        }
      }
    }
    this.extraChatSuffixes = suffixes.toArray(new String[0]);
  }

  /** The LLM call a request is, or null when it is none (or not a POST). */
  public LlmEndpoint classify(String method, String host, int port, String path) {
    if (method == null || host == null || path == null || !"POST".equalsIgnoreCase(method)) {
      return null;
    }
    String h = normaliseHost(host);
    String provider = providerOf(h);
    boolean configured = isConfigured(h, port);
    int end = pathEnd(path);
    LlmApi api = apiOf(path, end, provider != null || configured, port, h);
    if (api == null) {
      return null;
    }
    return new LlmEndpoint(api, provider != null ? provider : api.defaultProvider(), h, port);
  }

  /** True for the well-known provider hosts and the configured LLM hosts (any port). */
  public boolean isProviderHost(String host) {
    if (host == null) {
      return false;
    }
    String h = normaliseHost(host);
    return providerOf(h) != null || extraHosts.containsKey(h);
  }

  /**
   * True for the well-known provider hosts (any port) and the configured LLM hosts: a
   * {@code host:port} entry matches that port only, a bare {@code host} entry every port. So an
   * LLM server configured as {@code 127.0.0.1:8000} does not make every other local service an
   * LLM host.
   */
  public boolean isProviderHost(String host, int port) {
    if (host == null) {
      return false;
    }
    String h = normaliseHost(host);
    return providerOf(h) != null || isConfigured(h, port);
  }

  private LlmApi apiOf(String path, int end, boolean trusted, int port, String host) {
    if (endsWith(path, end, "/chat/completions")) {
      return LlmApi.OPENAI_CHAT_COMPLETIONS;
    }
    if (endsWith(path, end, "/responses")) {
      return trusted || openAiPrefixed(path, end - "/responses".length())
          ? LlmApi.OPENAI_RESPONSES : null;
    }
    if (endsWith(path, end, "/embeddings")) {
      return trusted || openAiPrefixed(path, end - "/embeddings".length())
          ? LlmApi.OPENAI_EMBEDDINGS : null;
    }
    if (endsWith(path, end, "/v1/messages")) {
      return LlmApi.ANTHROPIC_MESSAGES;
    }
    if (endsWith(path, end, ":streamGenerateContent")) {
      return LlmApi.GEMINI_STREAM_GENERATE_CONTENT;
    }
    if (endsWith(path, end, ":generateContent")) {
      return LlmApi.GEMINI_GENERATE_CONTENT;
    }
    if ((endsWith(path, end, "/converse") || endsWith(path, end, "/converse-stream"))
        && indexOf(path, "/model/", end) >= 0) {
      return LlmApi.BEDROCK_CONVERSE;
    }
    if (endsWith(path, end, "/api/chat")) {
      return ollamaHost(trusted, port, host) ? LlmApi.OLLAMA_CHAT : null;
    }
    if (endsWith(path, end, "/api/generate")) {
      return ollamaHost(trusted, port, host) ? LlmApi.OLLAMA_GENERATE : null;
    }
    for (String suffix : extraChatSuffixes) {
      if (endsWith(path, end, suffix)) {
        return LlmApi.OPENAI_CHAT_COMPLETIONS;
      }
    }
    return null;
  }

  /** {@code /api/chat} is too common a path to trust on any host: Ollama's port or name. */
  private static boolean ollamaHost(boolean trusted, int port, String host) {
    // any host may run Ollama (self-hosted, any port); the call only becomes an LLM span when
    // its request body names a model (LlmCall), which keeps look-alike /api/chat services out
    return true;
  }

  /** Whether the segment ending at {@code at} is {@code /v1} or {@code /openai}. */
  private static boolean openAiPrefixed(String path, int at) {
    return endsWith(path, at, "/v1") || endsWith(path, at, "/openai");
  }

  private static String providerOf(String host) {
    String known = PROVIDER_HOSTS.get(host);
    if (known != null) {
      return known;
    }
    if (host.endsWith(".openai.azure.com") || host.endsWith(".cognitiveservices.azure.com")) {
      return "azure.ai.openai";
    }
    if (host.startsWith("bedrock-runtime") && host.endsWith(".amazonaws.com")) {
      return "aws.bedrock";
    }
    if (host.endsWith("-aiplatform.googleapis.com")) {
      return "gcp.vertex_ai";
    }
    return null;
  }

  private boolean isConfigured(String host, int port) {
    if (extraHosts.isEmpty() || !extraHosts.containsKey(host)) {
      return false;
    }
    int[] ports = extraHosts.get(host);
    if (ports == null) {
      return true;
    }
    for (int p : ports) {
      if (p == port) {
        return true;
      }
    }
    return false;
  }

  /** Path length without query, fragment and trailing slashes. */
  private static int pathEnd(String path) {
    int end = path.length();
    for (int i = 0; i < end; i++) {
      char c = path.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    return end;
  }

  private static boolean endsWith(String path, int end, String suffix) {
    int start = end - suffix.length();
    return start >= 0 && path.regionMatches(true, start, suffix, 0, suffix.length());
  }

  private static int indexOf(String path, String part, int end) {
    int i = path.indexOf(part);
    return i >= 0 && i + part.length() <= end ? i : -1;
  }

  private static String normaliseHost(String host) {
    String h = host.toLowerCase(Locale.ROOT); // returns the same instance when already lower
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private static Map<String, int[]> parseHosts(List<String> entries) {
    Map<String, int[]> hosts = new HashMap<String, int[]>();
    if (entries == null) {
      return hosts;
    }
    for (String entry : entries) {
      if (entry == null || entry.trim().isEmpty()) {
        continue;
      }
      String e = entry.trim();
      int colon = e.lastIndexOf(':');
      int port = -1;
      if (colon > 0 && colon == e.indexOf(':') && colon < e.length() - 1) {
        try {
          port = Integer.parseInt(e.substring(colon + 1));
          e = e.substring(0, colon);
        } catch (NumberFormatException ignored) {
          port = -1;
        }
      }
      String host = normaliseHost(e);
      if (port < 0) {
        hosts.put(host, null);
      } else if (!hosts.containsKey(host) || hosts.get(host) != null) {
        int[] previous = hosts.get(host);
        int[] ports = previous == null ? new int[1] : Arrays.copyOf(previous, previous.length + 1);
        ports[ports.length - 1] = port;
        hosts.put(host, ports);
      }
    }
    return hosts;
  }
}
