package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.log.ParleyLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Plays one exchange through a fresh reader, with a given chunking of both bodies. */
final class ChunkedExchange {

  /** Makes a reader for one exchange. */
  interface ReaderFactory {
    WireReader create(ParleyLog log);
  }

  final List<String> logLines = new ArrayList<String>();
  final WireReader reader;

  ChunkedExchange(ReaderFactory factory) {
    this.reader = factory.create(new ParleyLog(logLines::add, System::nanoTime));
  }

  ChunkedExchange request(String body, Chunking chunking) {
    chunking.feed(body.getBytes(StandardCharsets.UTF_8), reader::requestBytes);
    return this;
  }

  ChunkedExchange response(int status, String contentType, String body, Chunking chunking) {
    return response(status, contentType, body.getBytes(StandardCharsets.UTF_8), chunking);
  }

  ChunkedExchange response(int status, String contentType, byte[] body, Chunking chunking) {
    reader.responseHead(status, contentType);
    chunking.feed(body, reader::responseBytes);
    return this;
  }

  /**
   * The response summary (as text, every field) after feeding {@code body} whole, byte by byte
   * and split at random; fails unless all chunkings agree.
   */
  static String summaryForEveryChunking(
      ReaderFactory factory, int status, String contentType, String body) {
    String whole = null;
    for (Chunking chunking : Chunking.all()) {
      String summary = new ChunkedExchange(factory)
          .response(status, contentType, body, chunking).reader.summary().toString();
      if (whole == null) {
        whole = summary;
      }
      assertEquals(whole, summary, chunking.toString());
    }
    return whole;
  }

  /** Joins lines with {@code \n} (no text blocks on Java 8). */
  static String lines(String... lines) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    return text.toString();
  }

  /** Single quotes to double quotes, so JSON in a Java string stays readable. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
