package io.parley.benchmarks.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic LLM request and response bodies, in the providers' exact wire shapes: a chat request
 * with a system prompt and earlier turns, a non-streamed answer of about a hundred words, and the
 * same answer streamed one token per server-sent event.
 */
public final class LlmBodies {

  /** Content events in each stream (one token each); the framing events come on top. */
  public static final int TOKENS = 100;
  /** OpenAI: role chunk, {@link #TOKENS} content chunks, finish chunk, usage chunk, [DONE]. */
  public static final int OPENAI_EVENTS = TOKENS + 4;
  /**
   * Anthropic: message_start, content_block_start, ping, {@link #TOKENS} deltas,
   * content_block_stop, message_delta, message_stop.
   */
  public static final int ANTHROPIC_EVENTS = TOKENS + 6;

  private LlmBodies() {}

  /** The i-th token of the answer, with its leading space; some are not ASCII. */
  static String token(int i) {
    String[] words = {
      " Yes", ",", " you", " can", " add", " a", " checked", " bag", " to", " booking",
      " TX", "-4821", " for", " €", "35", " —", " café", " ☕", " included", "."
    };
    return words[i % words.length];
  }

  static String answer() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < TOKENS; i++) {
      text.append(token(i));
    }
    return text.toString();
  }

  static String openAiRequest(boolean stream) {
    return "{\"model\":\"gpt-4o-mini\",\"temperature\":0.2,\"messages\":" + messages()
        + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
  }

  static String anthropicRequest(boolean stream) {
    return "{\"model\":\"claude-sonnet-4-20250514\",\"max_tokens\":1024,\"system\":\"You are a"
        + " helpful assistant for a travel agency.\",\"messages\":" + messages()
        + (stream ? ",\"stream\":true" : "") + "}";
  }

  private static String messages() {
    return "[{\"role\":\"user\",\"content\":\"I booked a flight to Lisbon for next Tuesday.\"},"
        + "{\"role\":\"assistant\",\"content\":\"Thanks! Your booking reference is TX-4821. How"
        + " can I help?\"},{\"role\":\"user\",\"content\":\"Can I add a checked bag, and what"
        + " does it cost?\"}]";
  }

  static String openAiBody() {
    return "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion\","
        + "\"created\":1741570283,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":" + quote(answer()) + ",\"refusal\":null,"
        + "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{"
        + "\"prompt_tokens\":1117,\"completion_tokens\":100,\"total_tokens\":1217,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":1024,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
        + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_fc9f1d7035\"}";
  }

  static String anthropicBody() {
    return "{\"id\":\"msg_013Zva2CMHLNnXjNJJKqJ2EF\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-sonnet-4-20250514\",\"content\":[{\"type\":\"text\",\"text\":"
        + quote(answer()) + "}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{"
        + "\"input_tokens\":21,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":1000,"
        + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},"
        + "\"output_tokens\":100,\"service_tier\":\"standard\"}}";
  }

  /** The OpenAI stream, one byte array per event as the network delivers a slow stream. */
  static List<byte[]> openAiStream() {
    List<String> events = new ArrayList<>();
    String head =
        "{\"id\":\"chatcmpl-7QyqpwdfhqwajicIEznoc6Q47XAyW\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1694268190,\"model\":\"gpt-4o-mini-2024-07-18\","
            + "\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":";
    events.add(head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
        + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
    for (int i = 0; i < TOKENS; i++) {
      events.add(head + "[{\"index\":0,\"delta\":{\"content\":" + quote(token(i)) + "},"
          + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
    }
    events.add(head + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":null}");
    events.add(head + "[],\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":100,"
        + "\"total_tokens\":1300,\"prompt_tokens_details\":{\"cached_tokens\":1152,"
        + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,"
        + "\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}");
    events.add("[DONE]");
    List<byte[]> out = new ArrayList<>();
    for (String data : events) {
      out.add(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
    return check(out, OPENAI_EVENTS);
  }

  /** The Anthropic stream, one byte array per event. */
  static List<byte[]> anthropicStream() {
    List<String> events = new ArrayList<>();
    events.add(sse("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
        + "\"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"content\":[],\"model\":\"claude-sonnet-4-20250514\",\"stop_reason\":null,"
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":2048,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,"
        + "\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1,\"service_tier\":\"standard\"}}}"));
    events.add(sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
    events.add(sse("ping", "{\"type\": \"ping\"}"));
    for (int i = 0; i < TOKENS; i++) {
      events.add(sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":" + quote(token(i)) + "}}"));
    }
    events.add(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
    events.add(sse("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
        + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":100}}"));
    events.add(sse("message_stop", "{\"type\":\"message_stop\"}"));
    List<byte[]> out = new ArrayList<>();
    for (String event : events) {
      out.add(event.getBytes(StandardCharsets.UTF_8));
    }
    return check(out, ANTHROPIC_EVENTS);
  }

  private static String sse(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private static List<byte[]> check(List<byte[]> events, int expected) {
    if (events.size() != expected) {
      throw new IllegalStateException(events.size() + " events, expected " + expected);
    }
    return events;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
