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

  @Test
  void converseStreamEventStreamIsNotParsed() {
    byte[] binary = {0, 0, 0, 120, 0, 0, 0, 87, 1, 2, 3, '{', '"', 'p'};
    WireReader reader = runAll(
        () -> new BedrockConverseReader("/model/amazon.nova-pro-v1%3A0/converse-stream",
            WireRun.log(logLines)),
        null, 200, "application/vnd.amazon.eventstream", binary);
    assertTrue(reader.requestSummary().stream());
    assertEquals("amazon.nova-pro-v1:0", reader.requestSummary().model());
    assertTrue(reader.firstChunkSeen());
    assertTrue(logLines.isEmpty(), logLines.toString());
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
