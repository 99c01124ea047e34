package io.parley.smoke.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * LLM responses built to break whatever reads them, generated from a seed: truncated, mutated and
 * mistyped JSON of every provider's shape, nesting and numbers past any parser's limits, strings
 * and bodies past the agent readers' bounds (8 MB per body, 1 MB per event), binary bodies, gzip
 * bombs, corrupt and lying encodings, server-sent events full of garbage lines, odd line endings,
 * events past the bound and tens of thousands of tiny ones, error statuses with hostile bodies,
 * and framing that lies (a Content-Length longer than the body, a chunked stream cut off).
 */
final class HostileResponses {

  /** One response: its name, its kind (for the counts), the raw bytes in the pieces to write. */
  record Case(String name, String kind, boolean streaming, boolean huge, boolean gzipBomb, List<byte[]> pieces) {
    long size() {
      return pieces.stream().mapToLong(piece -> piece.length).sum();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final String OPENAI_JSON =
      "{\"id\":\"chatcmpl-h1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini-2024-07-18\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":7,\"total_tokens\":38,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":3},\"completion_tokens_details\":{\"reasoning_tokens\":2}}}";
  static final String ANTHROPIC_JSON =
      "{\"id\":\"msg_h1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
          + "\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":4,\"cache_read_input_tokens\":8,\"output_tokens\":6}}";
  static final String GEMINI_JSON =
      "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello\"}]},\"finishReason\":\"STOP\"}],"
          + "\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":3,\"totalTokenCount\":12,"
          + "\"thoughtsTokenCount\":1},\"modelVersion\":\"gemini-2.0-flash\",\"responseId\":\"r-h1\"}";
  static final String OLLAMA_NDJSON =
      "{\"model\":\"llama3.2\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n"
          + "{\"model\":\"llama3.2\",\"created_at\":\"2025-01-01T00:00:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
          + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":11,\"eval_count\":4}\n";
  static final List<String> OPENAI_EVENTS =
      List.of(
          "data: {\"id\":\"chatcmpl-h2\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n",
          "data: {\"id\":\"chatcmpl-h2\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
          "data: {\"id\":\"chatcmpl-h2\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":7,\"total_tokens\":38}}\n\n",
          "data: [DONE]\n\n");
  static final List<String> ANTHROPIC_EVENTS =
      List.of(
          "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_h2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\",\"content\":[],\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n",
          "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n",
          "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":6}}\n\n",
          "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

  private final Random random;

  HostileResponses(long seed) {
    this.random = new Random(seed);
  }

  /** Every case, in a fixed order for the seed. */
  List<Case> all() {
    List<Case> cases = new ArrayList<>();
    String[] bodies = {OPENAI_JSON, ANTHROPIC_JSON, GEMINI_JSON, OLLAMA_NDJSON};
    for (String body : bodies) {
      String shape = body == OPENAI_JSON ? "openai" : body == ANTHROPIC_JSON ? "anthropic" : body == GEMINI_JSON ? "gemini" : "ollama";
      for (int i = 0; i < 3; i++) {
        int cut = 1 + random.nextInt(body.length() - 1);
        cases.add(json("truncated " + shape + " JSON at " + cut, "truncated JSON", body.substring(0, cut)));
      }
      for (int i = 0; i < 3; i++) {
        cases.add(json("mutated " + shape + " JSON #" + i, "mutated JSON", mutate(utf8(body), 1 + random.nextInt(12))));
      }
    }
    cases.add(json("usage of wrong types", "wrong types",
        "{\"id\":7,\"model\":[\"x\"],\"choices\":\"none\",\"usage\":{\"prompt_tokens\":\"31\",\"completion_tokens\":-7,"
            + "\"total_tokens\":1e309,\"prompt_tokens_details\":[1,2],\"completion_tokens_details\":{\"reasoning_tokens\":99999999999999999999999}}}"));
    cases.add(json("anthropic usage of wrong types", "wrong types",
        "{\"type\":\"message\",\"model\":{},\"usage\":{\"input_tokens\":-1,\"cache_read_input_tokens\":\"8\",\"output_tokens\":1.5e3,"
            + "\"cache_creation_input_tokens\":null},\"stop_reason\":42}"));
    cases.add(json("gemini usage of wrong types", "wrong types",
        "{\"usageMetadata\":{\"promptTokenCount\":true,\"candidatesTokenCount\":[9],\"thoughtsTokenCount\":-3},"
            + "\"candidates\":[{\"finishReason\":{}}],\"modelVersion\":12}"));
    cases.add(json("nesting 100,000 deep", "deep nesting", "[".repeat(100_000) + "]".repeat(100_000)));
    cases.add(json("usage nested 100,000 deep", "deep nesting",
        "{\"usage\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}"));
    cases.add(json("number of 200,000 digits", "huge number",
        "{\"usage\":{\"prompt_tokens\":" + "9".repeat(200_000) + ",\"completion_tokens\":1}}"));
    cases.add(json("200,000 fields", "many fields", manyFields(200_000)));
    cases.add(json("usage repeated 20,000 times", "duplicate keys",
        "{" + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},".repeat(20_000) + "\"id\":\"x\"}"));
    cases.add(json("NUL and invalid UTF-8 in strings", "invalid UTF-8",
        concat(utf8("{\"id\":\"a\u0000b\",\"model\":\""), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, (byte) 0xED, (byte) 0xA0, (byte) 0x80},
            utf8("\",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":6}}"))));
    cases.add(json("byte order mark", "BOM", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(OPENAI_JSON))));
    cases.add(json("two root values and trailing garbage", "trailing garbage", OPENAI_JSON + OPENAI_JSON + "}]garbage\u0000"));
    cases.add(hugeCase("12 MB content string before usage", "huge string", false,
        concat(utf8("{\"id\":\"chatcmpl-big\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"message\":{\"content\":\""),
            repeated((byte) 'x', 12 << 20),
            utf8("\"}}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}"))));
    cases.add(hugeCase("12 MB of whitespace before the JSON", "huge body", false,
        concat(repeated((byte) ' ', 12 << 20), utf8(OPENAI_JSON))));
    cases.add(body("64 KB random bytes as JSON", "binary", 200, "application/json", "", randomBytes(64 * 1024)));
    cases.add(body("64 KB random bytes as an event stream", "binary", 200, "text/event-stream", "", randomBytes(64 * 1024)));
    cases.add(body("random bytes without a content type", "binary", 200, null, "", randomBytes(8 * 1024)));
    cases.add(body("empty 200 body", "empty", 200, "application/json", "", new byte[0]));
    cases.add(body("JSON labelled as an event stream", "mislabelled", 200, "text/event-stream", "", utf8(OPENAI_JSON)));
    cases.add(body("events labelled as JSON", "mislabelled", 200, "application/json", "", utf8(String.join("", OPENAI_EVENTS))));

    // encodings: bombs for the agent's decoder (the application reads the compressed bytes)
    cases.add(bomb("gzip bomb: 256 MB of spaces", false, gzipOf("{\"usage\":", " ", 256 << 20, "{}}")));
    cases.add(bomb("gzip bomb: event stream of 256 MB in one event", true, gzipOf("data: {\"x\":\"", "a", 256 << 20, "\"}\n\n")));
    cases.add(bomb("gzip bomb: 200 MB of valid events", true, gzipOf("", OPENAI_EVENTS.get(0), 200 << 20, "")));
    cases.add(encoded("gzip header then garbage", "corrupt gzip", "gzip",
        concat(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, (byte) 0xFF}, randomBytes(4096))));
    byte[] gzipped = gzip(utf8(OPENAI_JSON));
    cases.add(encoded("gzip cut in half", "corrupt gzip", "gzip", Arrays.copyOf(gzipped, gzipped.length / 2)));
    cases.add(encoded("gzip declared, plain JSON sent", "corrupt gzip", "gzip", utf8(OPENAI_JSON)));
    cases.add(encoded("deflate declared, raw deflate sent", "deflate", "deflate", deflate(utf8(OPENAI_JSON), true)));
    cases.add(encoded("deflate declared, zlib sent", "deflate", "deflate", deflate(utf8(OPENAI_JSON), false)));
    cases.add(encoded("deflate declared, garbage sent", "deflate", "deflate", randomBytes(2048)));
    cases.add(encoded("brotli declared", "unknown encoding", "br", randomBytes(512)));
    cases.add(encoded("gzip twice declared", "stacked encoding", "gzip, gzip", gzip(gzip(utf8(OPENAI_JSON)))));

    // server-sent events
    cases.add(sse("garbage lines", "SSE garbage", garbageLines(400)));
    cases.add(sse("one 3 MB event then usage", "SSE event past the bound",
        List.of(concat(utf8("data: {\"pad\":\""), repeated((byte) 'p', 3 << 20), utf8("\"}\n\n")), utf8(OPENAI_EVENTS.get(2)), utf8("data: [DONE]\n\n"))));
    cases.add(sse("data lines of 3 MB without an end", "SSE event past the bound",
        List.of(utf8("data: "), repeated((byte) 'q', 3 << 20), utf8("\ndata: more\n"))));
    cases.add(sse("carriage returns only", "SSE line endings", List.of(utf8(String.join("", OPENAI_EVENTS).replace("\n", "\r")))));
    cases.add(sse("mixed line endings and a BOM", "SSE line endings",
        List.of(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(String.join("", OPENAI_EVENTS).replace("\n\n", "\r\n\n\r"))))));
    cases.add(sse("no blank line at the end", "SSE line endings", List.of(utf8(String.join("", OPENAI_EVENTS).trim()))));
    cases.add(sse("[DONE] in the middle", "SSE order",
        List.of(utf8(OPENAI_EVENTS.get(0) + "data: [DONE]\n\n" + OPENAI_EVENTS.get(2) + OPENAI_EVENTS.get(1) + "data: [DONE]\n\n"))));
    cases.add(sse("50,000 tiny events", "SSE many events", List.of(repeatedText("data: {}\n\n", 50_000 * 10))));
    cases.add(hugeCase("10 MB of small garbage events", "SSE past the body bound", true,
        repeatedText("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":\"n\"}}\n\n", 10 << 20)));
    cases.add(sse("event names of 10 KB", "SSE garbage",
        List.of(utf8("event: " + "e".repeat(10_000) + "\ndata: {}\n\n" + ANTHROPIC_EVENTS.get(0)))));
    cases.add(sse("anthropic events with garbage data", "SSE garbage",
        List.of(utf8(ANTHROPIC_EVENTS.get(0).replace("{\"type\":\"message_start\"", "{\"type\":\"message_start\",{{")
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":-99}}\n\n"
            + "event: error\ndata: not json at all\n\n"))));
    cases.add(sse("usage numbers past any range", "SSE wrong types",
        List.of(utf8("data: {\"usage\":{\"prompt_tokens\":1e999,\"completion_tokens\":-1e999,\"total_tokens\":" + "7".repeat(5000) + "}}\n\n"))));
    cases.add(cut("event stream cut inside an event", "SSE cut short",
        List.of(utf8(OPENAI_EVENTS.get(0)), utf8("data: {\"id\":\"chatcmpl-h2\",\"choices\":[{\"delta\":{\"conte"))));
    cases.add(sse("random bytes between events", "SSE garbage",
        List.of(utf8(OPENAI_EVENTS.get(0)), randomBytes(4096), utf8("\n\n" + OPENAI_EVENTS.get(2)))));

    // error statuses with hostile bodies
    int[] statuses = {400, 401, 404, 429, 500, 502, 503};
    for (int status : statuses) {
      cases.add(body(status + " with a binary body", "error status", status, "application/json", "", randomBytes(1024)));
    }
    cases.add(body("500 with an HTML page", "error status", 500, "text/html", "", utf8("<html><body><h1>Bad gateway</h1>" + "<p>x</p>".repeat(500) + "</body></html>")));
    cases.add(body("429 with an empty body", "error status", 429, "application/json", "Retry-After: 0\r\n", new byte[0]));
    cases.add(body("503 with 5 MB of JSON", "error status", 503, "application/json", "",
        concat(utf8("{\"error\":{\"message\":\""), repeated((byte) 'm', 5 << 20), utf8("\",\"type\":\"overloaded\"}}"))));
    cases.add(body("500 as an event stream", "error status", 500, "text/event-stream", "", utf8("event: error\ndata: {\"error\":{\"type\":\"x\"}}\n\n")));

    // framing that lies
    cases.add(lyingLength("Content-Length longer than the body", utf8(OPENAI_JSON)));
    cases.add(closeDelimited("body ended by closing the connection", utf8(OPENAI_JSON)));
    return cases;
  }

  private Case json(String name, String kind, String body) {
    return json(name, kind, utf8(body));
  }

  private Case json(String name, String kind, byte[] body) {
    return body(name, kind, 200, "application/json", "", body);
  }

  private Case hugeCase(String name, String kind, boolean streaming, byte[] body) {
    return new Case(name, kind, streaming, true, false,
        List.of(head(200, streaming ? "text/event-stream" : "application/json", "Content-Length: " + body.length + "\r\n"), body));
  }

  private static Case body(String name, String kind, int status, String contentType, String headers, byte[] body) {
    return new Case(name, kind, false, false, false,
        List.of(concat(head(status, contentType, headers + "Content-Length: " + body.length + "\r\n"), body)));
  }

  private static Case bomb(String name, boolean streaming, byte[] gzipped) {
    return new Case(name, "gzip bomb", streaming, false, true,
        List.of(head(200, streaming ? "text/event-stream" : "application/json",
            "Content-Encoding: gzip\r\nContent-Length: " + gzipped.length + "\r\n"), gzipped));
  }

  private static Case encoded(String name, String kind, String encoding, byte[] body) {
    return new Case(name, kind, false, false, false,
        List.of(concat(head(200, "application/json", "Content-Encoding: " + encoding + "\r\nContent-Length: " + body.length + "\r\n"), body)));
  }

  /** A chunked event stream, one chunk per piece, properly terminated. */
  private static Case sse(String name, String kind, List<byte[]> events) {
    return stream(name, kind, events, true);
  }

  /** A chunked event stream whose connection drops before the last chunk. */
  private static Case cut(String name, String kind, List<byte[]> events) {
    return stream(name, kind, events, false);
  }

  private static Case stream(String name, String kind, List<byte[]> events, boolean terminated) {
    List<byte[]> pieces = new ArrayList<>();
    pieces.add(head(200, "text/event-stream; charset=utf-8", "Transfer-Encoding: chunked\r\n"));
    for (byte[] event : events) {
      // big events go out in 64 KB chunks, as servers send them
      for (int offset = 0; offset < event.length; offset += 65_536) {
        int length = Math.min(65_536, event.length - offset);
        pieces.add(concat(utf8(Integer.toHexString(length) + "\r\n"), Arrays.copyOfRange(event, offset, offset + length), utf8("\r\n")));
      }
    }
    if (terminated) {
      pieces.add(utf8("0\r\n\r\n"));
    }
    return new Case(name, kind, true, events.stream().mapToLong(e -> e.length).sum() > (8 << 20), false, pieces);
  }

  private static Case lyingLength(String name, byte[] body) {
    return new Case(name, "lying framing", false, false, false,
        List.of(concat(head(200, "application/json", "Content-Length: " + (body.length * 2) + "\r\n"), body)));
  }

  private static Case closeDelimited(String name, byte[] body) {
    return new Case(name, "lying framing", false, false, false,
        List.of(concat(head(200, "application/json", "Connection: close\r\n"), body)));
  }

  private static byte[] head(int status, String contentType, String headers) {
    return utf8("HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + headers + "Connection: close\r\n\r\n");
  }

  private static String reason(int status) {
    return status == 200 ? "OK" : status == 429 ? "Too Many Requests" : status >= 500 ? "Server Error" : "Client Error";
  }

  private byte[] mutate(byte[] body, int edits) {
    byte[] out = body.clone();
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(out.length);
      switch (random.nextInt(3)) {
        case 0:
          out[at] = (byte) random.nextInt(256);
          break;
        case 1:
          out = concat(Arrays.copyOf(out, at), new byte[] {"{}[]\",:\\0".getBytes(StandardCharsets.ISO_8859_1)[random.nextInt(9)]},
              Arrays.copyOfRange(out, at, out.length));
          break;
        default:
          out = concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, Math.min(out.length, at + 1 + random.nextInt(8)), out.length));
      }
      if (out.length < 2) {
        out = body.clone();
      }
    }
    return out;
  }

  private List<byte[]> garbageLines(int lines) {
    String[] forms = {"data:", "data: {", "data: }}}", "data: null", "data: [1,2", "event:", ":comment", "retry: abc", "id: \u0000",
        "no colon at all", "data : spaced", "DATA: {}", "data: \"string\"", "event: message_delta", "data: {\"usage\":{\"prompt_tokens\":\"x\"}}"};
    List<byte[]> pieces = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      chunk.append(forms[random.nextInt(forms.length)]).append(random.nextInt(4) == 0 ? "\n\n" : "\n");
      if (chunk.length() > 2048) {
        pieces.add(utf8(chunk.toString()));
        chunk.setLength(0);
      }
    }
    chunk.append(OPENAI_EVENTS.get(2));
    pieces.add(utf8(chunk.toString()));
    return pieces;
  }

  private static String manyFields(int count) {
    StringBuilder json = new StringBuilder(count * 12).append('{');
    for (int i = 0; i < count; i++) {
      json.append("\"f").append(i).append("\":").append(i).append(',');
    }
    return json.append("\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}").toString();
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] repeated(byte b, int n) {
    byte[] bytes = new byte[n];
    Arrays.fill(bytes, b);
    return bytes;
  }

  private static byte[] repeatedText(String text, int approximateBytes) {
    byte[] unit = utf8(text);
    int times = Math.max(1, approximateBytes / unit.length);
    byte[] out = new byte[unit.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(unit, 0, out, i * unit.length, unit.length);
    }
    return out;
  }

  /** gzip of prefix + unit repeated to about {@code bytes} + suffix, never holding it whole. */
  static byte[] gzipOf(String prefix, String unit, int bytes, String suffix) {
    byte[] block = repeatedText(unit, 65_536);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed, 65_536)) {
      gz.write(utf8(prefix));
      for (long written = 0; written < bytes; written += block.length) {
        gz.write(block);
      }
      gz.write(utf8(suffix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compressed.toByteArray();
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 65_536)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] deflate(byte[] body, boolean raw) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    deflater.setInput(body);
    deflater.finish();
    byte[] buffer = new byte[body.length + 64];
    int n = deflater.deflate(buffer);
    deflater.end();
    return Arrays.copyOf(buffer, n);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
