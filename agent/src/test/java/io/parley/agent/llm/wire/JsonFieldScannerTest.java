package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.WireRun.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFieldScannerTest {

  /** Records "path=value" for every scalar; skips containers named "skip". */
  private static final class Recorder implements JsonFieldScanner.Visitor {
    final List<String> values = new ArrayList<String>();
    final List<String> containers = new ArrayList<String>();

    @Override
    public boolean enter(JsonPath path, boolean array) {
      containers.add((array ? "[" : "{") + path);
      return !"skip".equals(path.last());
    }

    @Override
    public void exit(JsonPath path, boolean array) {
      containers.add((array ? "]" : "}") + path);
    }

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) throws IOException {
      String v = token == JsonToken.VALUE_STRING ? JsonValues.text(token, parser) : parser.getText();
      if (token == JsonToken.VALUE_NUMBER_INT) {
        v = String.valueOf(JsonValues.longValue(token, parser));
      }
      values.add(path + "=" + v);
    }
  }

  private static Recorder scan(String json, Chunking chunking) {
    final Recorder recorder = new Recorder();
    final JsonFieldScanner scanner = new JsonFieldScanner(recorder);
    chunking.feed(
        utf8(json),
        new Chunking.ChunkSink() {
          @Override
          public void accept(byte[] bytes, int offset, int length) {
            scanner.feed(bytes, offset, length);
          }
        });
    scanner.endOfInput();
    assertFalse(scanner.failed(), "failed: " + scanner.failure());
    return recorder;
  }

  private static List<String> scanAll(String json) {
    List<String> first = null;
    for (Chunking chunking : Chunking.all()) {
      List<String> values = scan(json, chunking).values;
      if (first == null) {
        first = values;
      } else {
        assertEquals(first, values, chunking.toString());
      }
    }
    return first;
  }

  @Test
  void reportsScalarsWithTheirPaths() {
    List<String> values =
        scanAll("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":[true,null,{\"e\":2.5}]},\"f\":-3}");
    assertEquals(
        Arrays.asList("a=1", "b.c=x", "b.d[]=true", "b.d[]=null", "b.d[].e=2.5", "f=-3"), values);
  }

  @Test
  void containersAreEnteredAndExitedInOrder() {
    Recorder r = scan("{\"a\":[{}],\"b\":{}}", Chunking.all().get(1));
    assertEquals(
        Arrays.asList("{", "[a", "{a[]", "}a[]", "]a", "{b", "}b", "}"), r.containers);
  }

  @Test
  void skippedContainersReportNothingInside() {
    assertEquals(
        Arrays.asList("a=1", "z=2"),
        scanAll("{\"a\":1,\"skip\":{\"x\":1,\"y\":[1,{\"skip\":3}],\"q\":{}},\"z\":2}"));
  }

  @Test
  void longStringsAreCutAndTheFieldsAfterThemRemain() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      s.append("\u00e9\\\"\\u00e9\\\\"); // multi-byte chars and escapes at every offset
    }
    List<String> values = scanAll("{\"long\":\"" + s + "\",\"after\":\"ok\"}");
    assertEquals(2, values.size());
    assertEquals("after=ok", values.get(1));
    assertTrue(values.get(0).startsWith("long=\u00e9\"\u00e9\\"), values.get(0));
  }

  @Test
  void aStringLongerThanJacksonsOwnLimitIsHarmless() {
    Recorder recorder = new Recorder();
    JsonFieldScanner scanner = new JsonFieldScanner(recorder);
    byte[] head = utf8("{\"data\":\"");
    scanner.feed(head, 0, head.length);
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) 'Q');
    for (int i = 0; i < 400; i++) { // 25 MiB, more than Jackson's 20M-char string limit
      scanner.feed(block, 0, block.length);
    }
    byte[] tail = utf8("\",\"usage\":7}");
    scanner.feed(tail, 0, tail.length);
    assertFalse(scanner.failed(), String.valueOf(scanner.failure()));
    assertEquals("usage=7", recorder.values.get(1));
  }

  @Test
  void severalRootValuesInARow() {
    assertEquals(
        Arrays.asList("a=1", "a=2", "=3"), scanAll("{\"a\":1}\n{\"a\":2}\n3\n"));
  }

  @Test
  void malformedInputFailsWithoutEchoingIt() {
    JsonFieldScanner scanner = new JsonFieldScanner(new Recorder());
    byte[] bad = "{\"a\": secret-token-value}".getBytes(StandardCharsets.UTF_8);
    scanner.feed(bad, 0, bad.length);
    assertTrue(scanner.failed());
    assertFalse(scanner.failure().contains("secret"), scanner.failure());
    scanner.feed(bad, 0, bad.length); // ignored, no exception
  }

  @Test
  void deepNestingStopsTheScanWithoutStackOverflow() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 100000; i++) {
      deep.append("[");
    }
    JsonFieldScanner scanner = new JsonFieldScanner(new Recorder());
    byte[] bytes = utf8(deep.toString());
    scanner.feed(bytes, 0, bytes.length);
    assertTrue(scanner.failed());
  }

  @Test
  void pathsDeeperThanTrackedAreSkipped() {
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      json.append("{\"n\":");
    }
    json.append("1");
    for (int i = 0; i < 40; i++) {
      json.append("}");
    }
    json.insert(0, "{\"x\":");
    json.append(",\"after\":2}");
    assertEquals(Arrays.asList("after=2"), scanAll(json.toString()));
  }

  @Test
  void resetStartsAFreshDocument() {
    Recorder recorder = new Recorder();
    JsonFieldScanner scanner = new JsonFieldScanner(recorder);
    byte[] half = utf8("{\"a\":[1,");
    scanner.feed(half, 0, half.length);
    scanner.reset();
    byte[] next = utf8("{\"b\":2}");
    scanner.feed(next, 0, next.length);
    assertEquals(Arrays.asList("a[]=1", "b=2"), recorder.values);
    assertTrue(scanner.betweenRootValues());
  }
}
