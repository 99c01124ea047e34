package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.WireRun.resource;
import static io.parley.agent.llm.wire.WireRun.runAll;
import static io.parley.agent.llm.wire.WireRun.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BedrockConverseReaderTest {

  private static final String PATH =
      "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse";
  private static final String JSON = "application/json";

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> readers =
      () -> new BedrockConverseReader(PATH, WireRun.log(logLines));

  @Test
  void converseResponseAddsCacheTokensToInput() {
    WireReader reader = runAll(readers, null, 200, JSON, resource("bedrock/converse.json"));
    assertEquals("ResponseSummary{model=null, id=null, finish=[tool_use], in=1530, out=628,"
        + " cacheRead=1200, cacheWrite=300, reasoning=null, error=null}",
        reader.summary().toString());
    assertEquals(Long.valueOf(1275), ((BedrockConverseReader) reader).latencyMillis());
    assertTrue(reader.firstChunkSeen());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void responseWithoutCacheFields() {
    String body = "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Hi\"}]}},"
        + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":12,\"outputTokens\":3,"
        + "\"totalTokens\":15},\"metrics\":{\"latencyMs\":310}}";
    assertEquals("ResponseSummary{model=null, id=null, finish=[end_turn], in=12, out=3,"
        + " cacheRead=null, cacheWrite=null, reasoning=null, error=null}",
        runAll(readers, null, 200, JSON, utf8(body)).summary().toString());
  }

  @Test
  void modelComesDecodedFromTheUrl() {
    RequestSummary request = runAll(readers, utf8("{\"messages\":[]}"), 0, null, null)
        .requestSummary();
    assertEquals("anthropic.claude-3-5-sonnet-20240620-v1:0", request.model());
    assertFalse(request.stream());
  }

  @Test
  void errorBodyWithATypeField() {
    String body = "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
        + "\"message\":\"Malformed input request, please reformat your input and try again.\"}";
    assertEquals("ValidationException",
        runAll(readers, null, 400, JSON, utf8(body)).summary().errorType());
  }

  @Test
  void errorBodyWithAMessageOnlyLeavesTheTypeToTheStatus() {
    ResponseSummary s =
        runAll(readers, null, 400, JSON, resource("bedrock/error-400.json")).summary();
    assertEquals("ResponseSummary{model=null, id=null, finish=[], in=null, out=null,"
        + " cacheRead=null, cacheWrite=null, reasoning=null, error=null}", s.toString());
  }

  @Test
  void awsErrorNames() {
    assertEquals("ThrottlingException", BedrockConverseReader.awsErrorName(
        "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
    assertEquals("ValidationException",
        BedrockConverseReader.awsErrorName("com.amazon.coral.validate#ValidationException"));
    assertNull(BedrockConverseReader.awsErrorName(""));
  }

  @Test
  void bodyCutShortKeepsWhatWasSeen() {
    byte[] cut = WireRun.upToAfter(resource("bedrock/converse.json"), "\"outputTokens\": 628,", 1);
    assertEquals("ResponseSummary{model=null, id=null, finish=[tool_use], in=30, out=628,"
        + " cacheRead=null, cacheWrite=null, reasoning=null, error=null}",
        runAll(readers, null, 200, JSON, cut).summary().toString());
  }

  private static final String STREAM_PATH = "/model/amazon.nova-pro-v1%3A0/converse-stream";
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
  private final Supplier<WireReader> streamReaders =
      () -> new BedrockConverseReader(STREAM_PATH, WireRun.log(logLines));

  /** A whole converse-stream answer, with the padding field Bedrock adds to its events. */
  private static EventStreamFrames converseStream() {
    return new EventStreamFrames()
        .event("messageStart", "{\"p\":\"abcdefgh\",\"role\":\"assistant\"}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"},\"p\":\"ab\"}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"lo \\u00e9\"},\"p\":\"abcd\"}")
        .event("contentBlockStop", "{\"contentBlockIndex\":0,\"p\":\"a\"}")
        .event("messageStop", "{\"p\":\"abc\",\"stopReason\":\"end_turn\"}")
        .event("metadata", "{\"metrics\":{\"latencyMs\":420},\"p\":\"ab\",\"usage\":{\"inputTokens\":25,"
            + "\"outputTokens\":7,\"totalTokens\":42,\"cacheReadInputTokens\":10}}");
  }

  @Test
  void converseStreamIsReadMessageByMessageWhateverTheChunking() {
    WireReader reader = runAll(streamReaders, null, 200, EVENT_STREAM, converseStream().bytes());
    assertTrue(reader.requestSummary().stream());
    assertEquals("amazon.nova-pro-v1:0", reader.requestSummary().model());
    assertTrue(reader.firstChunkSeen());
    assertEquals("ResponseSummary{model=null, id=null, finish=[end_turn], in=35, out=7,"
        + " cacheRead=10, cacheWrite=null, reasoning=null, error=null}",
        reader.summary().toString());
    assertEquals(Long.valueOf(420), ((BedrockConverseReader) reader).latencyMillis());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void theFirstChunkIsTheFirstContentDeltaNotTheFirstByte() {
    byte[] start = new EventStreamFrames().event("messageStart", "{\"role\":\"assistant\"}").bytes();
    WireReader reader = runAll(streamReaders, null, 200, EVENT_STREAM, start);
    assertFalse(reader.firstChunkSeen());
  }

  @Test
  void streamedTextIsCapturedWhenAskedFor() {
    WireReader reader =
        WireRun.runAllContent(
            () -> new BedrockConverseReader(STREAM_PATH, WireRun.log(logLines), true),
            utf8("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Say hello\"}]}]}"),
            200,
            EVENT_STREAM,
            converseStream().bytes());
    String output = reader.summary().outputMessages();
    assertTrue(output != null && output.contains("\"Hello \u00e9\"") && output.contains("end_turn"), output);
  }

  @Test
  void anExceptionMessageIsTheCallsError() {
    byte[] throttled =
        new EventStreamFrames()
            .event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}")
            .exception("throttlingException", "{\"message\":\"Too many requests, please wait.\"}")
            .bytes();
    WireReader reader = runAll(streamReaders, null, 200, EVENT_STREAM, throttled);
    assertEquals("ThrottlingException", reader.summary().errorType());
    assertTrue(reader.firstChunkSeen());
  }

  @Test
  void aStreamCutShortKeepsWhatCameBeforeTheCut() {
    byte[] whole = converseStream().bytes();
    // cut inside the last message (metadata): the stop reason came, the usage did not
    WireReader reader =
        runAll(streamReaders, null, 200, EVENT_STREAM, WireRun.prefix(whole, whole.length - 20));
    assertEquals("ResponseSummary{model=null, id=null, finish=[end_turn], in=null, out=null,"
        + " cacheRead=null, cacheWrite=null, reasoning=null, error=null}",
        reader.summary().toString());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void aCorruptedMessageStopsTheReadingWithOneLogLineAndNoContent() {
    byte[] stream = converseStream().bytes();
    stream[stream.length - 30] ^= 0x55; // inside the metadata message: its checksum no longer matches
    WireReader reader = runAll(streamReaders, null, 200, EVENT_STREAM, stream);
    assertEquals(java.util.Collections.singletonList("end_turn"), reader.summary().finishReasons());
    assertNull(reader.summary().inputTokens());
    assertFalse(logLines.isEmpty());
    assertTrue(logLines.get(0).contains("checksum"), logLines.get(0));
  }

  @Test
  void aLengthBeyondTheBoundIsRefusedBeforeAnythingIsHeld() {
    byte[] huge = {0x7f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
    WireReader reader = runAll(streamReaders, null, 200, EVENT_STREAM, huge);
    assertFalse(reader.firstChunkSeen());
    assertTrue(logLines.get(0).contains("length"), logLines.toString());
  }

  @Test
  void malformedInputNeverThrowsAndLogsWithoutContent() {
    runAll(readers, null, 200, JSON, utf8("{\"stopReason\": secret-text}"));
    assertFalse(logLines.isEmpty());
    assertFalse(logLines.get(0).contains("secret"), logLines.get(0));
    Random random = new Random(3);
    for (int round = 0; round < 30; round++) {
      byte[] noise = new byte[random.nextInt(2000)];
      random.nextBytes(noise);
      for (Chunking chunking : Chunking.all()) {
        WireRun.run(readers.get(), noise, 200, null, noise, chunking).summary();
      }
    }
    new BedrockConverseReader(null).requestSummary();
  }
}
