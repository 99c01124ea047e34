package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventSplitterTest {

  /** Splits {@code stream} with every chunking and checks all give {@code expected}. */
  private static void assertEvents(String stream, String... expected) {
    assertEvents(SseEventSplitter.DEFAULT_MAX_EVENT_BYTES, stream, expected);
  }

  private static void assertEvents(int max, String stream, String... expected) {
    for (Chunking chunking : Chunking.all()) {
      assertEquals(Arrays.asList(expected), split(max, stream, chunking), chunking.toString());
    }
  }

  private static List<String> split(int max, String stream, Chunking chunking) {
    final List<String> events = new ArrayList<String>();
    final SseEventSplitter splitter =
        new SseEventSplitter(
            max,
            new SseEventSplitter.EventSink() {
              @Override
              public void onEvent(String name, byte[] data, int offset, int length) {
                events.add(name + "|" + new String(data, offset, length, StandardCharsets.UTF_8));
              }
            });
    chunking.feed(
        stream,
        new Chunking.ChunkSink() {
          @Override
          public void accept(byte[] bytes, int offset, int length) {
            splitter.feed(bytes, offset, length);
          }
        });
    return events;
  }

  @Test
  void openAiStyleDataOnlyEvents() {
    assertEvents(
        "data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n",
        "null|{\"a\":1}", "null|{\"b\":2}", "null|[DONE]");
  }

  @Test
  void anthropicStyleNamedEvents() {
    assertEvents(
        "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
            + "event: ping\ndata: {\"type\": \"ping\"}\n\n",
        "message_start|{\"type\":\"message_start\"}", "ping|{\"type\": \"ping\"}");
  }

  @Test
  void crlfAndBareCrLineEnds() {
    assertEvents("event: a\r\ndata: 1\r\n\r\ndata: 2\r\rdata: 3\n\n", "a|1", "null|2", "null|3");
  }

  @Test
  void multipleDataLinesAreJoinedWithNewline() {
    assertEvents("data: {\ndata: \"x\": 1\ndata:}\n\n", "null|{\n\"x\": 1\n}");
  }

  @Test
  void commentsIdAndRetryAreIgnored() {
    assertEvents(
        ": OPENROUTER PROCESSING\n\n:keep-alive\nid: 7\nretry: 1000\ndata: x\n\n", "null|x");
  }

  @Test
  void onlyOneLeadingSpaceIsStripped() {
    assertEvents("data:nospace\n\ndata:  two\n\n", "null|nospace", "null| two");
  }

  @Test
  void dataFieldWithoutColonIsAnEmptyLine() {
    assertEvents("data\ndata: x\n\n", "null|\nx");
  }

  @Test
  void blockWithoutDataIsNotDispatchedAndItsNameDoesNotLeak() {
    assertEvents("event: lonely\n\ndata: x\n\n", "null|x");
  }

  @Test
  void lastEventNameWins() {
    assertEvents("event: a\nevent: b\ndata: x\n\n", "b|x");
  }

  @Test
  void multiByteUtf8SurvivesAnySplit() {
    assertEvents(
        "event: d\u00e9lta\ndata: {\"text\":\"h\u00e9llo \u4e16\u754c \ud83c\udf89\"}\n\n",
        "d\u00e9lta|{\"text\":\"h\u00e9llo \u4e16\u754c \ud83c\udf89\"}");
  }

  @Test
  void byteOrderMarkAtStartIsIgnored() {
    assertEvents("\ufeffdata: x\n\n", "null|x");
  }

  @Test
  void unknownAndOverlongFieldNamesAreIgnored() {
    assertEvents("verylongfieldname: y\ndatadata: z\ndata: x\n\n", "null|x");
  }

  @Test
  void oversizedEventIsDroppedAndCountedAndTheNextOneSurvives() {
    StringBuilder big = new StringBuilder("data: ");
    for (int i = 0; i < 200; i++) {
      big.append('x');
    }
    String stream = "data: small\n\n" + big + "\n\nevent: e\ndata: after\n\n";
    assertEvents(100, stream, "null|small", "e|after");

    final int[] seen = new int[1];
    SseEventSplitter splitter =
        new SseEventSplitter(
            100,
            new SseEventSplitter.EventSink() {
              @Override
              public void onEvent(String name, byte[] data, int offset, int length) {
                seen[0]++;
              }
            });
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    splitter.feed(bytes, 0, bytes.length);
    assertEquals(1, splitter.droppedEvents());
    assertEquals(2, splitter.dispatchedEvents());
  }

  @Test
  void incompleteEventIsHeldUntilFinish() {
    final List<String> events = new ArrayList<String>();
    SseEventSplitter splitter =
        new SseEventSplitter(
            new SseEventSplitter.EventSink() {
              @Override
              public void onEvent(String name, byte[] data, int offset, int length) {
                events.add(new String(data, offset, length, StandardCharsets.UTF_8));
              }
            });
    byte[] bytes = "data: a\n\ndata: b".getBytes(StandardCharsets.UTF_8);
    splitter.feed(bytes, 0, bytes.length);
    assertEquals(Arrays.asList("a"), events);
    splitter.finish();
    assertEquals(Arrays.asList("a", "b"), events);
    splitter.finish();
    assertEquals(Arrays.asList("a", "b"), events);
  }

  @Test
  void badArgumentsAreIgnored() {
    SseEventSplitter splitter =
        new SseEventSplitter(
            new SseEventSplitter.EventSink() {
              @Override
              public void onEvent(String name, byte[] data, int offset, int length) {}
            });
    splitter.feed(null, 0, 1);
    splitter.feed(new byte[2], 1, 5);
    splitter.feed(new byte[2], -1, 1);
    assertEquals(0, splitter.dispatchedEvents());
  }
}
