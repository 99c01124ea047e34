package io.parley.smoke.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Everything a receiver got: the decoded spans (with their resource) and the raw, uncompressed
 * export payloads, so a test can check that a value appears nowhere in what left the process.
 */
public final class ExportedTelemetry {

  private final Object lock = new Object();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final ByteArrayOutputStream rawPayloads = new ByteArrayOutputStream();
  private final List<String> problems = new ArrayList<>();
  private int traceExports;

  /** Decodes one {@code ExportTraceServiceRequest} body (already uncompressed) and keeps it. */
  void acceptTraces(byte[] payload) throws InvalidProtocolBufferException {
    ExportTraceServiceRequest request;
    try {
      request = ExportTraceServiceRequest.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      synchronized (lock) {
        rawPayloads.writeBytes(payload);
        problems.add("undecodable trace export (" + payload.length + " bytes): " + e);
      }
      throw e;
    }
    List<ReceivedSpan> decoded = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          decoded.add(new ReceivedSpan(resourceSpans.getResource(), scopeSpans.getScope(), span));
        }
      }
    }
    synchronized (lock) {
      rawPayloads.writeBytes(payload);
      spans.addAll(decoded);
      traceExports++;
      lock.notifyAll();
    }
  }

  /** Keeps the bytes of an export the receiver refused (they left the process all the same). */
  void acceptRejected(byte[] payload) {
    synchronized (lock) {
      rawPayloads.writeBytes(payload);
    }
  }

  /** A copy of every payload received so far, uncompressed, in arrival order. */
  public byte[] rawBytes() {
    synchronized (lock) {
      return rawPayloads.toByteArray();
    }
  }

  /** Keeps a non-trace payload's bytes too: secrets must not leak through metrics or logs either. */
  void acceptOther(String signal, byte[] payload) {
    synchronized (lock) {
      rawPayloads.writeBytes(payload);
    }
  }

  public List<ReceivedSpan> spans() {
    synchronized (lock) {
      return List.copyOf(spans);
    }
  }

  public List<ReceivedSpan> spans(Predicate<ReceivedSpan> predicate) {
    return spans().stream().filter(predicate).collect(Collectors.toList());
  }

  /**
   * Waits until at least {@code count} received spans match, and returns all that match; fails
   * with a dump of everything received when they do not arrive in time.
   */
  public List<ReceivedSpan> awaitSpans(Predicate<ReceivedSpan> predicate, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<ReceivedSpan> matching = spans.stream().filter(predicate).collect(Collectors.toList());
        if (matching.size() >= count) {
          return matching;
        }
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
        if (remainingMillis <= 0) {
          throw new AssertionError(
              "expected at least " + count + " matching span(s) within " + timeout + ", got "
                  + matching.size() + ". " + describeLocked());
        }
        try {
          lock.wait(remainingMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for spans", e);
        }
      }
    }
  }

  /** The one matching span; fails if none arrives in time or more than one matches. */
  public ReceivedSpan awaitSingleSpan(Predicate<ReceivedSpan> predicate, Duration timeout) {
    List<ReceivedSpan> matching = awaitSpans(predicate, 1, timeout);
    if (matching.size() != 1) {
      throw new AssertionError("expected exactly one matching span, got " + matching.size() + ": " + matching);
    }
    return matching.get(0);
  }

  /** Whether the UTF-8 bytes of {@code text} occur anywhere in the received (uncompressed) payloads. */
  public boolean rawBytesContain(String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    byte[] haystack;
    synchronized (lock) {
      haystack = rawPayloads.toByteArray();
    }
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  public int rawByteCount() {
    synchronized (lock) {
      return rawPayloads.size();
    }
  }

  /** A summary of everything received, for failure messages. */
  public String describe() {
    synchronized (lock) {
      return describeLocked();
    }
  }

  private String describeLocked() {
    StringBuilder text =
        new StringBuilder("Received ")
            .append(traceExports)
            .append(" trace export(s) with ")
            .append(spans.size())
            .append(" span(s):");
    for (ReceivedSpan span : spans) {
      text.append("\n  ").append(span);
    }
    for (String problem : problems) {
      text.append("\n  PROBLEM: ").append(problem);
    }
    return text.toString();
  }
}
