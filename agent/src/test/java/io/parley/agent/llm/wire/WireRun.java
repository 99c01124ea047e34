package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.log.ParleyLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Feeds one LLM exchange through a reader, in every {@link Chunking}, and compares outcomes. */
final class WireRun {

  private WireRun() {}

  static byte[] resource(String name) {
    InputStream in = WireRun.class.getResourceAsStream("/wire/" + name);
    if (in == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
      }
      in.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A logger whose lines land in {@code lines}. */
  static ParleyLog log(List<String> lines) {
    return new ParleyLog(lines::add, System::nanoTime);
  }

  /** Feeds request and response through {@code reader}, cut by {@code chunking}. */
  static WireReader run(
      final WireReader reader,
      byte[] request,
      int status,
      String contentType,
      byte[] response,
      Chunking chunking) {
    if (request != null) {
      chunking.feed(
          request,
          new Chunking.ChunkSink() {
            @Override
            public void accept(byte[] bytes, int offset, int length) {
              reader.requestBytes(bytes, offset, length);
            }
          });
    }
    reader.responseHead(status, contentType);
    if (response != null) {
      chunking.feed(
          response,
          new Chunking.ChunkSink() {
            @Override
            public void accept(byte[] bytes, int offset, int length) {
              reader.responseBytes(bytes, offset, length);
            }
          });
    }
    return reader;
  }

  /**
   * Runs the exchange with every chunking, asserts that request summary, first-chunk flag and
   * summary come out identical, and returns the reader fed in one chunk.
   */
  static WireReader runAll(
      Supplier<WireReader> readers,
      byte[] request,
      int status,
      String contentType,
      byte[] response) {
    return runAllAlike(readers, request, status, contentType, response, WireRun::describe);
  }

  /**
   * {@link #runAll} that also asserts the captured content (system instructions, input and output
   * messages) comes out identical whatever the chunking.
   */
  static WireReader runAllContent(
      Supplier<WireReader> readers,
      byte[] request,
      int status,
      String contentType,
      byte[] response) {
    return runAllAlike(
        readers,
        request,
        status,
        contentType,
        response,
        reader -> describe(reader) + " " + content(reader));
  }

  /** Runs the exchange with every chunking and asserts that {@code outcome} is the same for all. */
  private static WireReader runAllAlike(
      Supplier<WireReader> readers,
      byte[] request,
      int status,
      String contentType,
      byte[] response,
      Function<WireReader, String> outcomeOf) {
    WireReader whole = null;
    String expected = null;
    for (Chunking chunking : Chunking.all()) {
      WireReader reader = run(readers.get(), request, status, contentType, response, chunking);
      String outcome = outcomeOf.apply(reader);
      if (whole == null) {
        whole = reader;
        expected = outcome;
      } else {
        assertEquals(expected, outcome, "chunking " + chunking);
      }
    }
    return whole;
  }

  /** The captured content of an exchange, for comparing runs. */
  static String content(WireReader reader) {
    RequestSummary request = reader.requestSummary();
    return "system=" + (request == null ? null : request.systemInstructions())
        + " input=" + (request == null ? null : request.inputMessages())
        + " output=" + reader.summary().outputMessages();
  }

  /** Asserts that nothing of the content was kept: content capture is off. */
  static void assertNoContent(WireReader reader) {
    assertEquals("system=null input=null output=null", content(reader));
  }

  static String describe(WireReader reader) {
    RequestSummary request = reader.requestSummary();
    return (request == null ? "request=null" : "request=" + request.model() + "/" + request.stream())
        + " first=" + reader.firstChunkSeen()
        + " " + reader.summary();
  }

  /** The first {@code n} bytes of {@code body}: a stream cut short. */
  static byte[] prefix(byte[] body, int n) {
    byte[] cut = new byte[Math.min(n, body.length)];
    System.arraycopy(body, 0, cut, 0, cut.length);
    return cut;
  }

  /** The bytes of {@code body} up to just after the {@code count}-th occurrence of {@code s}. */
  static byte[] upToAfter(byte[] body, String s, int count) {
    String text = new String(body, StandardCharsets.UTF_8);
    int at = -1;
    for (int i = 0; i < count; i++) {
      at = text.indexOf(s, at + 1);
    }
    return utf8(text.substring(0, at + s.length()));
  }
}
