package io.parley.agent.llm.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Builds AWS event stream messages as Bedrock's converse-stream sends them. */
final class EventStreamFrames {

  private final ByteArrayOutputStream stream = new ByteArrayOutputStream();

  /** An event message: {@code :event-type}, {@code :content-type}, {@code :message-type} = event. */
  EventStreamFrames event(String eventType, String json) {
    return message(
        json, ":event-type", eventType, ":content-type", "application/json", ":message-type", "event");
  }

  /** An exception message, as a throttled or failed stream ends. */
  EventStreamFrames exception(String exceptionType, String json) {
    return message(
        json, ":exception-type", exceptionType, ":content-type", "application/json", ":message-type",
        "exception");
  }

  /** A message with string headers (name, value, ...) and {@code json} as payload. */
  EventStreamFrames message(String json, String... headerNamesAndValues) {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      byte[] name = headerNamesAndValues[i].getBytes(StandardCharsets.US_ASCII);
      byte[] value = headerNamesAndValues[i + 1].getBytes(StandardCharsets.UTF_8);
      headers.write(name.length);
      headers.write(name, 0, name.length);
      headers.write(7);
      headers.write(value.length >> 8);
      headers.write(value.length & 0xff);
      headers.write(value, 0, value.length);
    }
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    int total = 12 + headers.size() + payload.length + 4;
    ByteBuffer message = ByteBuffer.allocate(total);
    message.putInt(total).putInt(headers.size()).putInt(crc(message.array(), 0, 8));
    message.put(headers.toByteArray()).put(payload);
    message.putInt(crc(message.array(), 0, total - 4));
    stream.write(message.array(), 0, total);
    return this;
  }

  byte[] bytes() {
    return stream.toByteArray();
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
