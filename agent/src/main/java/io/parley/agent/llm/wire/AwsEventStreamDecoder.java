package io.parley.agent.llm.wire;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Splits an AWS event stream ({@code application/vnd.amazon.eventstream}, the body of Bedrock's
 * {@code converse-stream}) into its messages as the bytes arrive: each message is a 12-byte
 * prelude (total length, headers length, CRC-32 of those 8 bytes), typed headers, a payload and a
 * CRC-32 of all before it. Holds at most one message, of at most {@link #MAX_MESSAGE_BYTES}; a
 * message that is longer, or whose checksums do not match, stops the decoding for good (the bytes
 * are not the format, and nothing after can be trusted).
 */
final class AwsEventStreamDecoder {

  /** Bedrock's events are small JSON objects; a message larger than this is not one of them. */
  static final int MAX_MESSAGE_BYTES = 1 << 20;

  private static final int PRELUDE = 12;
  private static final int TRAILER = 4;

  /** Called for each whole message, in order. */
  interface Listener {
    /**
     * @param eventType the {@code :event-type} header, or null
     * @param exceptionType the {@code :exception-type} header of an exception message, or null
     */
    void message(String eventType, String exceptionType, byte[] payload, int offset, int length);
  }

  private final Listener listener;
  private byte[] buffer = new byte[512];
  private int size;
  private String failure;

  AwsEventStreamDecoder(Listener listener) {
    this.listener = listener;
  }

  /** Why decoding stopped, or null while it goes on. */
  String failure() {
    return failure;
  }

  void feed(byte[] bytes, int offset, int length) {
    while (failure == null && length > 0) {
      int wanted = size < PRELUDE ? PRELUDE : totalLength();
      int take = Math.min(length, wanted - size);
      ensureCapacity(wanted);
      System.arraycopy(bytes, offset, buffer, size, take);
      size += take;
      offset += take;
      length -= take;
      if (size == PRELUDE && wanted == PRELUDE) {
        checkPrelude();
      } else if (size >= PRELUDE && size == wanted) {
        decodeMessage();
        size = 0;
      }
    }
  }

  private int totalLength() {
    return readInt(buffer, 0);
  }

  private void checkPrelude() {
    int total = totalLength();
    int headers = readInt(buffer, 4);
    if (total < PRELUDE + TRAILER || total > MAX_MESSAGE_BYTES) {
      failure = "message length " + total + " outside 16.." + MAX_MESSAGE_BYTES;
    } else if (headers < 0 || headers > total - PRELUDE - TRAILER) {
      failure = "headers length " + headers + " outside the message";
    } else if (crc(buffer, 0, 8) != readInt(buffer, 8)) {
      failure = "prelude checksum mismatch";
    }
  }

  private void decodeMessage() {
    int total = totalLength();
    if (crc(buffer, 0, total - TRAILER) != readInt(buffer, total - TRAILER)) {
      failure = "message checksum mismatch";
      return;
    }
    int headersEnd = PRELUDE + readInt(buffer, 4);
    String eventType = null;
    String exceptionType = null;
    String messageType = null;
    int at = PRELUDE;
    while (at < headersEnd) {
      int nameLength = buffer[at] & 0xff;
      if (at + 1 + nameLength + 1 > headersEnd) {
        failure = "header runs past the headers";
        return;
      }
      String name = new String(buffer, at + 1, nameLength, StandardCharsets.US_ASCII);
      at += 1 + nameLength;
      int type = buffer[at++];
      int valueLength = valueLength(type, at, headersEnd);
      if (valueLength < 0 || at + valueLength > headersEnd) {
        failure = "header value of type " + type + " runs past the headers";
        return;
      }
      if (type == 7) { // string: 2-byte length, then UTF-8
        String value = new String(buffer, at + 2, valueLength - 2, StandardCharsets.UTF_8);
        if (":event-type".equals(name)) {
          eventType = value;
        } else if (":exception-type".equals(name)) {
          exceptionType = value;
        } else if (":message-type".equals(name)) {
          messageType = value;
        }
      }
      at += valueLength;
    }
    listener.message(
        eventType,
        "exception".equals(messageType) ? (exceptionType == null ? "exception" : exceptionType) : null,
        buffer,
        headersEnd,
        total - TRAILER - headersEnd);
  }

  /** Bytes of a header value of {@code type} at {@code at}, its length prefix included; -1 if unknown. */
  private int valueLength(int type, int at, int headersEnd) {
    switch (type) {
      case 0: // true
      case 1: // false
        return 0;
      case 2: // byte
        return 1;
      case 3: // short
        return 2;
      case 4: // int
        return 4;
      case 5: // long
      case 8: // timestamp
        return 8;
      case 6: // bytes
      case 7: // string
        return at + 2 > headersEnd ? -1 : 2 + (((buffer[at] & 0xff) << 8) | (buffer[at + 1] & 0xff));
      case 9: // uuid
        return 16;
      default:
        return -1;
    }
  }

  private void ensureCapacity(int needed) {
    if (buffer.length < needed) {
      byte[] larger = new byte[Math.max(needed, Math.min(buffer.length * 2, MAX_MESSAGE_BYTES))];
      System.arraycopy(buffer, 0, larger, 0, size);
      buffer = larger;
    }
  }

  private static int readInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 24)
        | ((bytes[at + 1] & 0xff) << 16)
        | ((bytes[at + 2] & 0xff) << 8)
        | (bytes[at + 3] & 0xff);
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
