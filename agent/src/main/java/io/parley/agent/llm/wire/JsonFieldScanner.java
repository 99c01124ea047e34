package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;

/**
 * Reads JSON fed in chunks with Jackson's non-blocking parser and reports each scalar value with
 * its {@link JsonPath}; a visitor may skip whole objects or arrays. Nothing is buffered beyond
 * the token being parsed: string literals longer than a bound are cut before Jackson sees them
 * (keeping the JSON valid), so a multi-megabyte base64 image or embedding costs no memory and
 * does not hide the fields after it. Several root values in a row (NDJSON) are fine. Malformed
 * input stops the scan ({@link #failed()}), never throws.
 */
public final class JsonFieldScanner {

  /** What a scan reports to; exceptions it throws stop the scan like malformed input. */
  public interface Visitor {
    /** An object or array starts at {@code path}; false skips it and everything inside. */
    boolean enter(JsonPath path, boolean array);

    /** The object or array entered at {@code path} ends. */
    void exit(JsonPath path, boolean array);

    /** A string, number, boolean or null at {@code path}; read it with {@link JsonValues}. */
    void value(JsonPath path, JsonToken token, JsonParser parser) throws IOException;
  }

  /** String literals are cut to about this many bytes before parsing. */
  public static final int DEFAULT_MAX_STRING_BYTES = 4096;

  private static final int MAX_DEPTH = 32;

  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(512).build())
          .build();

  private final Visitor visitor;
  private final int maxStringBytes;
  private final JsonPath path = new JsonPath(MAX_DEPTH);
  private final boolean[] arrays = new boolean[MAX_DEPTH + 1];

  private JsonParser parser;
  private ByteArrayFeeder feeder;
  private int level;
  private int skipping;
  private String fieldName;
  private long rootValues;
  private boolean failed;
  private String failure;

  // string-literal clipping state
  private boolean inString;
  private boolean clipping;
  private int escape;
  private int stringBytes;

  public JsonFieldScanner(Visitor visitor) {
    this(visitor, DEFAULT_MAX_STRING_BYTES);
  }

  public JsonFieldScanner(Visitor visitor, int maxStringBytes) {
    this.visitor = visitor;
    this.maxStringBytes = Math.max(16, maxStringBytes);
  }

  /** Feeds the next chunk; values in it are reported before this returns. */
  public void feed(byte[] bytes, int offset, int length) {
    if (failed || bytes == null || length <= 0 || offset < 0 || offset > bytes.length - length) {
      return;
    }
    int end = offset + length;
    int pending = clipping ? -1 : offset; // start of bytes not yet parsed; -1 while clipping
    for (int i = offset; i < end && !failed; i++) {
      byte b = bytes[i];
      if (!inString) {
        if (b == '"') {
          inString = true;
          stringBytes = 0;
          escape = 0;
        }
        continue;
      }
      if (escape > 0) {
        escape = escape == 5 ? (b == 'u' ? 4 : 0) : escape - 1;
      } else if (b == '\\') {
        escape = 5;
      } else if (b == '"') {
        inString = false;
        if (clipping) {
          clipping = false;
          pending = i;
        }
        continue;
      } else if (!clipping && stringBytes >= maxStringBytes && (b & 0xC0) != 0x80) {
        parse(bytes, pending, i); // cut at a character boundary, outside an escape
        clipping = true;
        pending = -1;
      }
      stringBytes++;
    }
    if (pending >= 0) {
      parse(bytes, pending, end);
    }
  }

  /** Marks the end of the input: a last root number completes, a cut-off document stays so. */
  public void endOfInput() {
    if (failed || parser == null) {
      return;
    }
    feeder.endOfInput();
    drain();
  }

  /** Forgets everything and starts over with a fresh document (e.g. the next SSE event). */
  public void reset() {
    close();
    level = 0;
    skipping = 0;
    fieldName = null;
    path.depth = 0;
    rootValues = 0;
    failed = false;
    failure = null;
    inString = false;
    clipping = false;
    escape = 0;
    stringBytes = 0;
  }

  /** Returns the parser's buffers; the scanner can be reused after {@link #reset()}. */
  public void close() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException | RuntimeException ignored) {
        // nothing to release that matters
      }
      parser = null;
      feeder = null;
    }
  }

  /** True once the input was not JSON (or broke a bound); later input is ignored. */
  public boolean failed() {
    return failed;
  }

  /** Why the scan failed: an exception class name, never input text; null when it did not. */
  public String failure() {
    return failure;
  }

  /** Number of root values read to their end. */
  public long completedRootValues() {
    return rootValues;
  }

  /** True when no root value is open (nothing fed yet, or the last one was read to its end). */
  public boolean betweenRootValues() {
    return level == 0 && skipping == 0;
  }

  private void parse(byte[] bytes, int from, int to) {
    if (from >= to || failed) {
      return;
    }
    try {
      if (parser == null) {
        parser = FACTORY.createNonBlockingByteArrayParser();
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
      }
      feeder.feedInput(bytes, from, to);
    } catch (IOException | RuntimeException e) {
      fail(e);
      return;
    }
    drain();
  }

  private void drain() {
    try {
      JsonToken token;
      while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
        onToken(token);
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private void onToken(JsonToken token) throws IOException {
    switch (token) {
      case FIELD_NAME:
        fieldName = parser.currentName();
        return;
      case START_OBJECT:
      case START_ARRAY:
        start(token == JsonToken.START_ARRAY);
        return;
      case END_OBJECT:
      case END_ARRAY:
        end();
        return;
      default:
        if (skipping > 0) {
          return;
        }
        if (level == 0) {
          path.depth = 0;
          visitor.value(path, token, parser);
          rootValues++;
          return;
        }
        path.names[level - 1] = arrays[level - 1] ? JsonPath.ELEMENT : fieldName;
        path.depth = level;
        visitor.value(path, token, parser);
        path.depth = level - 1;
    }
  }

  private void start(boolean array) {
    if (skipping > 0) {
      skipping++;
      return;
    }
    if (level > 0) {
      if (level > MAX_DEPTH - 1) {
        skipping = 1;
        return;
      }
      path.names[level - 1] = arrays[level - 1] ? JsonPath.ELEMENT : fieldName;
    }
    path.depth = level;
    if (visitor.enter(path, array)) {
      arrays[level] = array;
      level++;
      path.depth = level - 1;
    } else {
      path.depth = Math.max(0, level - 1);
      skipping = 1;
    }
  }

  private void end() {
    if (skipping > 0) {
      skipping--;
      if (skipping == 0 && level == 0) {
        rootValues++;
      }
      return;
    }
    if (level == 0) {
      return;
    }
    path.depth = level - 1;
    visitor.exit(path, arrays[level - 1]);
    level--;
    path.depth = Math.max(0, level - 1);
    if (level == 0) {
      rootValues++;
    }
  }

  private void fail(Exception e) {
    failed = true;
    failure = e.getClass().getSimpleName();
    close();
  }
}
