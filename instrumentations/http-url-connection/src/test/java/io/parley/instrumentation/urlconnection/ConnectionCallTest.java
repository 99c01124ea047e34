package io.parley.instrumentation.urlconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.RecordingLlmHooks;
import io.parley.instrumentation.testing.RecordingLlmHooks.RecordedCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-connection rules: one tap per stream, one head, one end, and errors waiting for their body. */
class ConnectionCallTest {

  private final RecordingLlmHooks hooks = new RecordingLlmHooks("/chat");
  private RecordedCall recorded;
  private ConnectionCall call;

  @BeforeEach
  void start() {
    ParleyBridge.installLlm(hooks);
    recorded = (RecordedCall) ParleyBridge.llmStart("POST", "http://h/v1/chat");
    call = new ConnectionCall(recorded);
  }

  @AfterEach
  void uninstall() {
    ParleyBridge.installLlm(null);
  }

  @Test
  void theSameStreamGetsTheSameTapAndANewStreamANewOne() {
    InputStream in = new ByteArrayInputStream(new byte[3]);
    InputStream tap = call.responseStream(in);
    assertNotSame(in, tap);
    assertSame(tap, call.responseStream(in));
    assertNotSame(tap, call.responseStream(new ByteArrayInputStream(new byte[3])));
    OutputStream out = new ByteArrayOutputStream();
    assertSame(call.requestStream(out), call.requestStream(out));
  }

  @Test
  void theHeadIsClaimedOnce() {
    assertTrue(call.claimHead());
    assertFalse(call.claimHead());
  }

  @Test
  void anErrorWaitsForItsBodyAndEndsWithTheExceptionWhenNobodyReadsIt() {
    IOException thrown = new IOException("Server returned HTTP response code: 429");
    assertTrue(call.awaitErrorBody(thrown));
    assertFalse(call.awaitErrorBody(new IOException("again")), "the first error stays");
    assertFalse(call.isOpen());
    assertEquals(0, recorded.ends());
    call.end(null);
    assertEquals(1, recorded.ends());
    assertSame(thrown, recorded.error());
    call.end(new IOException("later"));
    assertEquals(1, recorded.ends(), "ends once");
  }

  @Test
  void readingTheErrorBodyHandsTheEndToItsTap() throws IOException {
    call.awaitErrorBody(new IOException("500"));
    InputStream error = call.errorStream(new ByteArrayInputStream("{\"error\":{}}".getBytes()));
    while (error.read() >= 0) {
      // read it all, as the application would
    }
    assertEquals(1, recorded.ends());
    assertNull(recorded.error(), "the status tells the error; the body was read normally");
  }
}
