package io.parley.instrumentation.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.RecordingLlmHooks;
import io.parley.instrumentation.testing.RecordingLlmHooks.RecordedCall;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which request bodies the agent reads (only those a second reader cannot disturb), and how much. */
class ReplayableRequestBodyTest {

  private final RecordingLlmHooks hooks = new RecordingLlmHooks("/chat");

  @BeforeEach
  void install() {
    ParleyBridge.installLlm(hooks);
  }

  @AfterEach
  void uninstall() {
    ParleyBridge.installLlm(null);
  }

  private RecordedCall record(HttpRequest.BodyPublisher publisher) {
    Object call = ParleyBridge.llmStart("POST", "http://h/v1/chat");
    ReplayableRequestBody.record(
        call, HttpRequest.newBuilder(URI.create("http://h/v1/chat")).POST(publisher).build());
    return (RecordedCall) call;
  }

  @Test
  void stringAndByteArrayBodiesAreReadWholeAndStayReadable() {
    assertEquals("{\"model\":\"m\"}", new String(record(BodyPublishers.ofString("{\"model\":\"m\"}")).requestBytes(), StandardCharsets.UTF_8));
    byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(
        Arrays.copyOfRange(bytes, 2, 7), record(BodyPublishers.ofByteArray(bytes, 2, 5)).requestBytes());
    HttpRequest.BodyPublisher publisher = BodyPublishers.ofByteArray(bytes);
    record(publisher);
    assertArrayEquals(bytes, record(publisher).requestBytes(), "a second read sees the same bytes");
  }

  @Test
  void largeBodiesAreReadAcrossTheJdksBufferBoundaries() {
    byte[] large = new byte[100_000];
    Arrays.fill(large, (byte) 'x');
    assertArrayEquals(large, record(BodyPublishers.ofByteArray(large)).requestBytes());
  }

  @Test
  void oneShotAndUnknownPublishersAreNeverSubscribed() {
    assertFalse(ReplayableRequestBody.isReplayable(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1]))));
    assertFalse(ReplayableRequestBody.isReplayable(BodyPublishers.ofByteArrays(Arrays.asList(new byte[1]))));
    assertFalse(ReplayableRequestBody.isReplayable(BodyPublishers.noBody()));
    assertTrue(ReplayableRequestBody.isReplayable(BodyPublishers.ofString("x")));
    assertTrue(ReplayableRequestBody.isReplayable(BodyPublishers.ofByteArray(new byte[1])));
    assertEquals(0, record(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[5]))).requestBytes().length);
  }

  @Test
  void bodiesOverTheLimitAreNotRead() {
    byte[] huge = new byte[(int) ReplayableRequestBody.LIMIT + 1];
    assertEquals(0, record(BodyPublishers.ofByteArray(huge)).requestBytes().length);
  }
}
