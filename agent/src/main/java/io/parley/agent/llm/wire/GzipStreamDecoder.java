package io.parley.agent.llm.wire;

import io.parley.agent.log.ParleyLog;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a {@code gzip} or {@code deflate} body fed in chunks cut anywhere (inside the gzip
 * header too), handing decoded bytes to a sink as they come. Output is capped (a gzip bomb stops
 * at the cap, {@link #capped()}), corrupt input stops decoding ({@link #failed()}); neither
 * throws. Concatenated gzip members are decoded in turn; checksums are not verified (the
 * application does that). Call {@link #close()} when done to free the native inflater early.
 */
public final class GzipStreamDecoder {

  /** Receives decoded bytes; the array is only valid during the call. */
  public interface Sink {
    void decoded(byte[] bytes, int offset, int length);
  }

  /** Default cap on decoded bytes per body. */
  public static final long DEFAULT_MAX_OUTPUT = 16L * 1024 * 1024;

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private static final int ID1 = 0;
  private static final int ID2 = 1;
  private static final int METHOD = 2;
  private static final int FLAGS = 3;
  private static final int FIXED = 4; // MTIME(4) XFL OS
  private static final int XLEN = 5;
  private static final int EXTRA = 6;
  private static final int NAME = 7;
  private static final int COMMENT = 8;
  private static final int HCRC = 9;
  private static final int DATA = 10;
  private static final int TRAILER = 11;
  private static final int ZLIB_SNIFF = 12;
  private static final int DONE = 13;

  private final boolean gzip;
  private final long maxOutput;
  private final Sink sink;
  private final ParleyLog log;
  private final byte[] out = new byte[8192];
  private Inflater inflater;
  private int state;
  private int flags;
  private int remaining; // bytes left in a counted header part
  private int extraLength;
  private int members;
  private int firstByte = -1;
  private long decoded;
  private boolean capped;
  private boolean failed;

  private GzipStreamDecoder(boolean gzip, long maxOutput, Sink sink, ParleyLog log) {
    this.gzip = gzip;
    this.maxOutput = maxOutput;
    this.sink = sink;
    this.log = log == null ? ParleyLog.get() : log;
    this.state = gzip ? ID1 : ZLIB_SNIFF;
  }

  /**
   * A decoder for a {@code Content-Encoding} value, or null when it is not {@code gzip},
   * {@code x-gzip} or {@code deflate} (identity, br, zstd, stacked encodings: not decoded).
   */
  public static GzipStreamDecoder forContentEncoding(
      String contentEncoding, long maxOutput, Sink sink, ParleyLog log) {
    if (contentEncoding == null) {
      return null;
    }
    String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
    if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
      return new GzipStreamDecoder(true, maxOutput, sink, log);
    }
    if (encoding.equals("deflate")) {
      return new GzipStreamDecoder(false, maxOutput, sink, log);
    }
    return null;
  }

  /** A gzip decoder. */
  public static GzipStreamDecoder gzip(long maxOutput, Sink sink, ParleyLog log) {
    return new GzipStreamDecoder(true, maxOutput, sink, log);
  }

  /** A deflate decoder: zlib-wrapped as the standard says, or raw as some servers send. */
  public static GzipStreamDecoder deflate(long maxOutput, Sink sink, ParleyLog log) {
    return new GzipStreamDecoder(false, maxOutput, sink, log);
  }

  /** Decodes the next chunk; decoded bytes reach the sink before this returns. */
  public void feed(byte[] bytes, int offset, int length) {
    if (state == DONE || bytes == null || length <= 0 || offset < 0
        || offset > bytes.length - length) {
      return;
    }
    try {
      int end = offset + length;
      int i = offset;
      while (i < end && state != DONE) {
        if (state == DATA) {
          i = inflate(bytes, i, end);
        } else {
          header(bytes[i++] & 0xFF);
        }
      }
    } catch (DataFormatException | RuntimeException e) {
      fail(e.getClass().getSimpleName());
    }
  }

  /** Decoded bytes handed to the sink. */
  public long decodedBytes() {
    return decoded;
  }

  /** True once the output cap was reached and decoding stopped. */
  public boolean capped() {
    return capped;
  }

  /** True once the input proved corrupt and decoding stopped. */
  public boolean failed() {
    return failed;
  }

  /** True once decoding stopped: body complete, cap reached or corrupt input. */
  public boolean done() {
    return state == DONE;
  }

  /** Stops decoding and frees the native inflater; later chunks are ignored. */
  public void close() {
    state = DONE;
    if (inflater != null) {
      inflater.end();
      inflater = null;
    }
  }

  private void header(int b) throws DataFormatException {
    switch (state) {
      case ID1:
        expect(b == 0x1F, ID2);
        return;
      case ID2:
        expect(b == 0x8B, METHOD);
        return;
      case METHOD:
        expect(b == 8, FLAGS);
        return;
      case FLAGS:
        flags = b;
        remaining = 6;
        state = FIXED;
        return;
      case FIXED:
        if (--remaining == 0) {
          remaining = 2;
          extraLength = 0;
          state = (flags & FEXTRA) != 0 ? XLEN : afterExtra();
        }
        return;
      case XLEN:
        extraLength |= remaining == 2 ? b : b << 8; // little-endian
        if (--remaining == 0) {
          remaining = extraLength;
          state = remaining == 0 ? afterExtra() : EXTRA;
        }
        return;
      case EXTRA:
        if (--remaining == 0) {
          state = afterExtra();
        }
        return;
      case NAME:
        if (b == 0) {
          state = (flags & FCOMMENT) != 0 ? COMMENT : afterComment();
        }
        return;
      case COMMENT:
        if (b == 0) {
          state = afterComment();
        }
        return;
      case HCRC:
        if (--remaining == 0) {
          startData(true);
        }
        return;
      case TRAILER:
        if (--remaining == 0) {
          members++;
          state = ID1; // another member may follow
        }
        return;
      case ZLIB_SNIFF:
        if (firstByte < 0) {
          firstByte = b;
          return;
        }
        boolean zlib = (firstByte & 0x0F) == 8 && ((firstByte << 8) | b) % 31 == 0;
        startData(!zlib);
        byte[] two = {(byte) firstByte, (byte) b};
        inflate(two, 0, 2);
        return;
      default:
        return;
    }
  }

  private void expect(boolean ok, int next) {
    if (ok) {
      state = next;
    } else if (state == ID1 && members > 0) {
      state = DONE; // trailing bytes after a complete member: ignored, as gunzip does
    } else {
      fail("not gzip");
    }
  }

  private int afterExtra() {
    return (flags & FNAME) != 0 ? NAME : (flags & FCOMMENT) != 0 ? COMMENT : afterComment();
  }

  private int afterComment() {
    if ((flags & FHCRC) != 0) {
      remaining = 2;
      return HCRC;
    }
    startData(true);
    return DATA;
  }

  private void startData(boolean raw) {
    if (inflater == null) {
      inflater = new Inflater(raw);
    } else {
      inflater.reset();
    }
    state = DATA;
  }

  /** Inflates from {@code bytes[from, end)}; returns where input not part of the stream starts. */
  private int inflate(byte[] bytes, int from, int end) throws DataFormatException {
    inflater.setInput(bytes, from, end - from);
    while (state == DATA) {
      int n = inflater.inflate(out, 0, out.length);
      if (n > 0) {
        emit(n);
      } else if (inflater.finished()) {
        int next = end - inflater.getRemaining();
        if (gzip) {
          inflater.setInput(out, 0, 0); // drop the reference to the caller's array
          state = TRAILER;
          remaining = 8;
        } else {
          close();
        }
        return next;
      } else if (inflater.needsInput()) {
        return end;
      } else {
        fail(inflater.needsDictionary() ? "needs a preset dictionary" : "no progress");
        return end;
      }
    }
    return end;
  }

  private void emit(int n) {
    long room = maxOutput - decoded;
    int kept = (int) Math.min(n, Math.max(0, room));
    if (kept > 0) {
      decoded += kept;
      sink.decoded(out, 0, kept);
    }
    if (kept < n) {
      capped = true;
      close();
    }
  }

  private void fail(String why) {
    failed = true;
    close();
    log.warnRateLimited(
        "wire.gzip.corrupt",
        1,
        TimeUnit.MINUTES,
        "could not decode a compressed LLM response body (" + why + "); its fields are left out");
  }
}
