package io.parley.benchmarks.wire;

import io.parley.agent.llm.wire.AnthropicMessagesReader;
import io.parley.agent.llm.wire.OpenAiChatReader;
import io.parley.agent.llm.wire.ResponseSummary;
import io.parley.agent.llm.wire.WireReader;
import io.parley.agent.log.ParleyLog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The usage readers on one whole exchange each: a fresh reader reads the request body, then
 * either a non-streamed JSON answer (score per body) or a stream fed one event per chunk as a slow
 * model delivers it (score per event: the exchange's time divided by its event count, the reader's
 * creation and the request body included), then builds the summary the span is labelled with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WireReaderBenchmark {

  private final ParleyLog log = new ParleyLog(line -> {}, System::nanoTime);

  private byte[] openAiRequest;
  private byte[] openAiStreamRequest;
  private byte[] openAiBody;
  private byte[][] openAiEvents;
  private byte[] anthropicRequest;
  private byte[] anthropicStreamRequest;
  private byte[] anthropicBody;
  private byte[][] anthropicEvents;

  @Setup
  public void setUp() {
    openAiRequest = LlmBodies.utf8(LlmBodies.openAiRequest(false));
    openAiStreamRequest = LlmBodies.utf8(LlmBodies.openAiRequest(true));
    openAiBody = LlmBodies.utf8(LlmBodies.openAiBody());
    openAiEvents = array(LlmBodies.openAiStream());
    anthropicRequest = LlmBodies.utf8(LlmBodies.anthropicRequest(false));
    anthropicStreamRequest = LlmBodies.utf8(LlmBodies.anthropicRequest(true));
    anthropicBody = LlmBodies.utf8(LlmBodies.anthropicBody());
    anthropicEvents = array(LlmBodies.anthropicStream());
  }

  @Benchmark
  public ResponseSummary openAiBody() {
    return body(new OpenAiChatReader(log), openAiRequest, openAiBody);
  }

  @Benchmark
  @OperationsPerInvocation(LlmBodies.OPENAI_EVENTS)
  public ResponseSummary openAiStreamPerEvent() {
    return stream(new OpenAiChatReader(log), openAiStreamRequest, openAiEvents);
  }

  @Benchmark
  public ResponseSummary anthropicBody() {
    return body(new AnthropicMessagesReader(log), anthropicRequest, anthropicBody);
  }

  @Benchmark
  @OperationsPerInvocation(LlmBodies.ANTHROPIC_EVENTS)
  public ResponseSummary anthropicStreamPerEvent() {
    return stream(new AnthropicMessagesReader(log), anthropicStreamRequest, anthropicEvents);
  }

  static ResponseSummary body(WireReader reader, byte[] request, byte[] body) {
    reader.requestBytes(request, 0, request.length);
    reader.requestSummary();
    reader.responseHead(200, "application/json");
    reader.responseBytes(body, 0, body.length);
    return reader.summary();
  }

  static ResponseSummary stream(WireReader reader, byte[] request, byte[][] events) {
    reader.requestBytes(request, 0, request.length);
    reader.requestSummary();
    reader.responseHead(200, "text/event-stream; charset=utf-8");
    for (byte[] event : events) {
      reader.responseBytes(event, 0, event.length);
    }
    return reader.summary();
  }

  private static byte[][] array(List<byte[]> events) {
    return events.toArray(new byte[0][]);
  }
}
