package io.parley.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.parley.agent.testing.AgentPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An exception's class is recorded (as {@code error.type} and the span status), never its message
 * or stack trace: messages may hold user data (an e-mail address, a prompt, a key in a URL).
 */
class ExceptionMessagesTest {

  private static final String MESSAGE = "user alice@example.com sent sk-live-0123456789";

  @Test
  void neitherTheServerSpanNorTheLlmSpanCarriesAnExceptionMessage() {
    try (AgentPipeline pipeline = new AgentPipeline(Duration.ofMinutes(30), 100)) {
      Object request = pipeline.start("sess-exc", null);
      Object call = pipeline.llm.llmStart("POST", "https://api.openai.com/v1/chat/completions");
      byte[] body = "{\"model\":\"gpt-4o-mini\"}".getBytes(StandardCharsets.UTF_8);
      pipeline.llm.llmRequestBody(call, body, 0, body.length);
      pipeline.llm.llmResponseHead(call, 200, "application/json", null);
      pipeline.llm.llmEnd(call, new IOException(MESSAGE));
      pipeline.server.serverEnd(request, 200, new IllegalStateException(MESSAGE), null, null);

      SpanData llm = pipeline.spans(SpanKind.CLIENT).get(0);
      SpanData server = pipeline.spans(SpanKind.SERVER).get(0);
      assertEquals("java.io.IOException", llm.getAttributes().asMap().get(io.opentelemetry.api.common.AttributeKey.stringKey("error.type")));
      assertEquals("java.lang.IllegalStateException",
          server.getAttributes().asMap().get(io.opentelemetry.api.common.AttributeKey.stringKey("error.type")));
      for (SpanData span : pipeline.spans()) {
        String everything = span.getAttributes() + " " + span.getStatus() + " " + span.getEvents() + " " + span.getName();
        assertFalse(everything.contains("alice@example.com") || everything.contains("sk-live"), span.toString());
      }
      assertFalse(String.join("\n", pipeline.logLines).contains("sk-live"), pipeline.logLines.toString());
    }
  }
}
