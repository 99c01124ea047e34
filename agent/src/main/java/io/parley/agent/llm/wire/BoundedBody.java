package io.parley.agent.llm.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Accumulates a body's bytes up to a cap; past the cap it keeps the prefix it has, drops the
 * rest and reports {@link #overflowed()}. Grows by doubling, so a small body costs little.
 */
public final class BoundedBody {

  /** Default cap for a response body kept whole. */
  public static final int RESPONSE_CAP = 8 * 1024 * 1024;

  /** Default cap for a request body kept whole. */
  public static final int REQUEST_CAP = 2 * 1024 * 1024;

  private static final int INITIAL_CAPACITY = 1024;
  private static final byte[] EMPTY = new byte[0];

  private final int cap;
  private byte[] buffer = EMPTY;
  private int length;
  private long totalBytes;
  private boolean overflowed;

  /** A body that keeps at most {@code cap} bytes (a negative cap counts as 0). */
  public BoundedBody(int cap) {
    this.cap = Math.max(0, cap);
  }

  /**
   * Appends a chunk; returns false when some or all of it was dropped because of the cap. Bad
   * offsets or lengths are ignored rather than thrown.
   */
  public boolean append(byte[] bytes, int offset, int count) {
    if (bytes == null || count <= 0 || offset < 0 || offset > bytes.length - count) {
      return !overflowed;
    }
    totalBytes += count;
    int room = cap - length;
    int kept = Math.min(room, count);
    if (kept > 0) {
      ensureCapacity(length + kept);
      System.arraycopy(bytes, offset, buffer, length, kept);
      length += kept;
    }
    if (kept < count) {
      overflowed = true;
    }
    return !overflowed;
  }

  /** Appends one byte; returns false when it was dropped because of the cap. */
  public boolean append(byte b) {
    totalBytes++;
    if (length >= cap) {
      overflowed = true;
      return false;
    }
    ensureCapacity(length + 1);
    buffer[length++] = b;
    return !overflowed;
  }

  private void ensureCapacity(int needed) {
    if (needed <= buffer.length) {
      return;
    }
    long grown = Math.max(INITIAL_CAPACITY, (long) buffer.length * 2);
    while (grown < needed) {
      grown *= 2;
    }
    buffer = Arrays.copyOf(buffer, (int) Math.min(grown, cap));
  }

  /** The internal array (valid up to {@link #length()}); not a copy, do not keep it. */
  public byte[] array() {
    return buffer;
  }

  /** Bytes kept. */
  public int length() {
    return length;
  }

  /** Bytes offered so far, kept or not. */
  public long totalBytes() {
    return totalBytes;
  }

  /** True once a byte was dropped because of the cap. */
  public boolean overflowed() {
    return overflowed;
  }

  public int cap() {
    return cap;
  }

  /** A copy of the kept bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, length);
  }

  /** The kept bytes decoded as UTF-8 (a multi-byte char cut by the cap becomes U+FFFD). */
  public String toUtf8String() {
    return new String(buffer, 0, length, StandardCharsets.UTF_8);
  }

  /**
   * Forgets the content and the overflow; keeps the array unless it grew past {@code 64 KiB},
   * so one huge body does not pin memory for the next.
   */
  public void reset() {
    length = 0;
    totalBytes = 0;
    overflowed = false;
    if (buffer.length > 64 * 1024) {
      buffer = EMPTY;
    }
  }
}
