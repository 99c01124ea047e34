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

class OpenAiEmbeddingsReaderTest {

  private final List<String> logLines = new ArrayList<String>();
  private final Supplier<WireReader> readers =
      new Supplier<WireReader>() {
        @Override
        public WireReader get() {
          return new OpenAiEmbeddingsReader(WireRun.log(logLines));
        }
      };

  @Test
  void embeddings() {
    WireReader reader =
        runAll(
            readers,
            resource("openai/embeddings-request.json"),
            200,
            "application/json",
            resource("openai/embeddings.json"));
    assertEquals("text-embedding-3-small", reader.requestSummary().model());
    assertFalse(reader.requestSummary().stream());
    ResponseSummary s = reader.summary();
    assertEquals("text-embedding-3-small", s.responseModel());
    assertEquals(Long.valueOf(8), s.inputTokens());
    assertNull(s.outputTokens());
    assertNull(s.responseId());
    assertTrue(s.finishReasons().isEmpty());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void base64Embeddings() {
    String body = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
        + "\"embedding\":\"" + base64(40000) + "\"}],\"model\":\"text-embedding-3-large\","
        + "\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}";
    ResponseSummary s = runAll(readers, null, 200, "application/json", utf8(body)).summary();
    assertEquals(Long.valueOf(3), s.inputTokens());
    assertEquals("text-embedding-3-large", s.responseModel());
  }

  @Test
  void responseFarBeyondTheBodyCapStillYieldsTheUsageAtItsEnd() {
    OpenAiEmbeddingsReader reader = new OpenAiEmbeddingsReader(WireRun.log(logLines));
    reader.responseHead(200, "application/json");
    feed(reader, "{\"object\":\"list\",\"data\":[");
    Random random = new Random(7);
    StringBuilder vector = new StringBuilder(1536 * 14);
    long fed = 0;
    for (int item = 0; fed < 3L * BoundedBody.RESPONSE_CAP; item++) {
      vector.setLength(0);
      vector.append(item == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":")
          .append(item).append(",\"embedding\":[");
      for (int d = 0; d < 1536; d++) {
        vector.append(d == 0 ? "" : ",").append(random.nextFloat() - 0.5f);
      }
      vector.append("]}");
      fed += feed(reader, vector.toString());
    }
    feed(reader, "],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":123456,"
        + "\"total_tokens\":123456}}");
    assertEquals(Long.valueOf(123456), reader.summary().inputTokens());
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void errorBody() {
    ResponseSummary s =
        runAll(readers, null, 401, "application/json", resource("openai/error-401.json"))
            .summary();
    assertEquals("invalid_request_error", s.errorType());
    assertNull(s.inputTokens());
  }

  @Test
  void bodyCutShort() {
    byte[] body = resource("openai/embeddings.json");
    ResponseSummary s =
        runAll(readers, null, 200, "application/json", WireRun.prefix(body, body.length - 40))
            .summary();
    assertEquals("text-embedding-3-small", s.responseModel());
    assertNull(s.inputTokens());
  }

  private static int feed(WireReader reader, String text) {
    byte[] bytes = utf8(text);
    reader.responseBytes(bytes, 0, bytes.length);
    return bytes.length;
  }

  private static String base64(int length) {
    StringBuilder sb = new StringBuilder(length);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(i * 7 % 64));
    }
    return sb.append("==").toString();
  }
}
