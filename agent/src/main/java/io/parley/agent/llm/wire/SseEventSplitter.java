package io.parley.agent.llm.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a server-sent-events byte stream, fed in chunks cut anywhere, into complete events (the
 * {@code event:} name and the {@code data:} lines joined by {@code \n}), as the HTML standard
 * parses them: {@code \n}, {@code \r\n} or {@code \r} line ends, {@code :} comments, {@code id:}
 * and {@code retry:} ignored, a block without data not dispatched. Works on bytes, so a chunk
 * boundary inside a multi-byte UTF-8 character is harmless. An event whose data exceeds the
 * per-event bound is dropped and counted; memory stays within that bound.
 */
public final class SseEventSplitter {

  /** Receives each complete event; the data array is only valid during the call. */
  public interface EventSink {
    /**
     * @param eventName the last {@code event:} value of the block, or null when it had none (the
     *     standard's default type {@code message})
     */
    void onEvent(String eventName, byte[] data, int offset, int length);
  }

  /** Default bound on one event's data. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

  private static final int MAX_FIELD_NAME = 8;
  private static final int MAX_EVENT_NAME = 256;

  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};

  private static final int FIELD = 0;
  private static final int VALUE_FIRST = 1;
  private static final int VALUE = 2;

  private static final int TARGET_NONE = 0;
  private static final int TARGET_DATA = 1;
  private static final int TARGET_EVENT = 2;

  private final EventSink sink;
  private final BoundedBody data;
  private final byte[] field = new byte[MAX_FIELD_NAME];
  private final byte[] eventName = new byte[MAX_EVENT_NAME];

  private int state = FIELD;
  private int target = TARGET_NONE;
  private int fieldLength;
  private boolean fieldTooLong;
  private int eventNameLength;
  private int dataLines;
  private boolean afterCr;
  private boolean firstLine = true;
  private long dispatched;
  private long dropped;
  private byte[] cachedNameBytes = new byte[0];
  private String cachedName;

  public SseEventSplitter(EventSink sink) {
    this(DEFAULT_MAX_EVENT_BYTES, sink);
  }

  public SseEventSplitter(int maxEventBytes, EventSink sink) {
    this.sink = sink;
    this.data = new BoundedBody(maxEventBytes);
  }

  /** Feeds the next chunk of the stream; complete events are dispatched before it returns. */
  public void feed(byte[] bytes, int offset, int length) {
    if (bytes == null || length <= 0 || offset < 0 || offset > bytes.length - length) {
      return;
    }
    int end = offset + length;
    int i = offset;
    while (i < end) {
      byte b = bytes[i];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          i++;
          continue;
        }
      }
      if (b == '\r' || b == '\n') {
        afterCr = b == '\r';
        endOfLine();
        i++;
        continue;
      }
      if (state == FIELD) {
        if (b == ':') {
          startValue();
        } else if (fieldLength < MAX_FIELD_NAME) {
          field[fieldLength++] = b;
        } else {
          fieldTooLong = true;
        }
        i++;
        continue;
      }
      if (state == VALUE_FIRST) {
        state = VALUE;
        if (b == ' ') {
          i++;
          continue;
        }
      }
      int lineEnd = i;
      while (lineEnd < end && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
        lineEnd++;
      }
      appendValue(bytes, i, lineEnd - i);
      i = lineEnd;
    }
  }

  /**
   * Dispatches a last event the stream ended without the blank line after; call only once the
   * stream is known to be complete. (The standard discards such an event; servers that close
   * right after their last {@code data:} line are common enough to be lenient.)
   */
  public void finish() {
    if (state != FIELD || fieldLength > 0 || fieldTooLong) {
      endOfLine();
    }
    dispatch();
  }

  /** Events handed to the sink. */
  public long dispatchedEvents() {
    return dispatched;
  }

  /** Events dropped because their data exceeded the bound. */
  public long droppedEvents() {
    return dropped;
  }

  private void startValue() {
    state = VALUE_FIRST;
    if (isField(DATA)) {
      target = TARGET_DATA;
      startDataLine();
    } else if (isField(EVENT)) {
      target = TARGET_EVENT;
      eventNameLength = 0;
    } else {
      target = TARGET_NONE;
    }
  }

  private void startDataLine() {
    if (dataLines > 0) {
      data.append((byte) '\n');
    }
    dataLines++;
  }

  private void appendValue(byte[] bytes, int offset, int length) {
    if (target == TARGET_DATA) {
      data.append(bytes, offset, length);
    } else if (target == TARGET_EVENT) {
      int kept = Math.min(length, MAX_EVENT_NAME - eventNameLength);
      System.arraycopy(bytes, offset, eventName, eventNameLength, kept);
      eventNameLength += kept;
    }
  }

  private void endOfLine() {
    if (state == FIELD) {
      if (fieldLength == 0 && !fieldTooLong) {
        dispatch();
      } else if (isField(DATA)) {
        startDataLine();
      } else if (isField(EVENT)) {
        eventNameLength = 0;
      }
    }
    state = FIELD;
    target = TARGET_NONE;
    fieldLength = 0;
    fieldTooLong = false;
    firstLine = false;
  }

  private boolean isField(byte[] name) {
    if (fieldTooLong) {
      return false;
    }
    int start = 0;
    if (firstLine
        && fieldLength >= 3
        && field[0] == (byte) 0xEF
        && field[1] == (byte) 0xBB
        && field[2] == (byte) 0xBF) {
      start = 3; // a byte order mark may open the stream
    }
    if (fieldLength - start != name.length) {
      return false;
    }
    for (int k = 0; k < name.length; k++) {
      if (field[start + k] != name[k]) {
        return false;
      }
    }
    return true;
  }

  private void dispatch() {
    try {
      if (dataLines == 0) {
        return;
      }
      if (data.overflowed()) {
        dropped++;
        return;
      }
      dispatched++;
      sink.onEvent(currentEventName(), data.array(), 0, data.length());
    } finally {
      data.reset();
      dataLines = 0;
      eventNameLength = 0;
    }
  }

  private String currentEventName() {
    if (eventNameLength == 0) {
      return null;
    }
    if (cachedName != null && cachedNameBytes.length == eventNameLength) {
      boolean same = true;
      for (int k = 0; k < eventNameLength && same; k++) {
        same = cachedNameBytes[k] == eventName[k];
      }
      if (same) {
        return cachedName;
      }
    }
    cachedNameBytes = Arrays.copyOf(eventName, eventNameLength);
    cachedName = new String(cachedNameBytes, StandardCharsets.UTF_8);
    return cachedName;
  }
}
