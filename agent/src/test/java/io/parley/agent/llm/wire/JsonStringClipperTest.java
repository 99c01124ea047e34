package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStringClipperTest {

  private static final String DOCUMENT = ChunkedExchange.json(
      "{'short':'ok','escapes':'ab\\'\\\\\\'\\\\n\\u00e9\\ud83c\\udf0d\\'tail',"
          + "'utf8':'\u00e9\u00e9\u00e9\u20ac\u20ac\ud83c\udf0d\ud83c\udf0d',"
          + "'nested':[{'k':'0123456789'}],'n':12345678901234,'last':'x'}");

  @Test
  void shortStringsPassUntouched() throws IOException {
    for (Chunking chunking : Chunking.all()) {
      assertEquals(DOCUMENT, new String(clip(DOCUMENT, 1000, chunking), StandardCharsets.UTF_8));
    }
  }

  @Test
  void everyCutLeavesWellFormedJsonWithPrefixesOfTheValues() throws IOException {
    List<String> original = strings(DOCUMENT.getBytes(StandardCharsets.UTF_8));
    for (int limit = 0; limit < 40; limit++) {
      for (Chunking chunking : Chunking.all()) {
        List<String> clipped = strings(clip(DOCUMENT, limit, chunking));
        assertEquals(original.size(), clipped.size(), "limit " + limit + " " + chunking);
        for (int i = 0; i < original.size(); i++) {
          String full = original.get(i);
          String cut = clipped.get(i);
          assertTrue(full.startsWith(cut.length() > 0 && Character.isHighSurrogate(
                  cut.charAt(cut.length() - 1)) ? cut.substring(0, cut.length() - 1) : cut),
              "limit " + limit + " " + chunking + ": " + cut + " vs " + full);
          assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= limit + 6 || cut.equals(full),
              "limit " + limit + ": " + cut);
        }
      }
    }
  }

  @Test
  void resetForgetsAnUnfinishedString() {
    JsonStringClipper clipper = new JsonStringClipper(2);
    byte[] out = new byte[32];
    clipper.clip(bytes("{\"abcdef"), 0, 8, out);
    clipper.reset();
    int n = clipper.clip(bytes("{\"k\":1}"), 0, 7, out);
    assertEquals("{\"k\":1}", new String(out, 0, n, StandardCharsets.UTF_8));
  }

  private static byte[] clip(String document, int limit, Chunking chunking) {
    final JsonStringClipper clipper = new JsonStringClipper(limit);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunking.feed(document, (bytes, offset, length) -> {
      byte[] kept = new byte[length];
      out.write(kept, 0, clipper.clip(bytes, offset, length, kept));
    });
    return out.toByteArray();
  }

  /** Every string token (names and values) of a well-formed document; throws when malformed. */
  private static List<String> strings(byte[] json) throws IOException {
    List<String> strings = new ArrayList<String>();
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
          strings.add(parser.getText());
        }
      }
    }
    return strings;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
