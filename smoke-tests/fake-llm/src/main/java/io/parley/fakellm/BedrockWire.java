package io.parley.fakellm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Amazon Bedrock's Converse API: {@code POST /model/{modelId}/converse} answers JSON,
 * {@code /converse-stream} a binary AWS event stream ({@code application/vnd.amazon.eventstream}):
 * messageStart, one contentBlockDelta per chunk, contentBlockStop, messageStop, metadata. Bedrock
 * counts cache reads apart from {@code inputTokens}.
 */
final class BedrockWire {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private BedrockWire() {
    }

    static Rendered converse(Call c) {
        ObjectNode o = Json.obj();
        ObjectNode message = o.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", c.text);
        o.put("stopReason", c.finishOr("end_turn"));
        o.set("usage", usage(c.usage));
        o.putObject("metrics").put("latencyMs", 120);
        return Rendered.body(200, JSON, Json.bytes(o));
    }

    static Rendered converseStream(Call c) {
        List<byte[]> events = new ArrayList<>();
        ObjectNode start = Json.obj();
        start.put("p", "abcdefghij");
        start.put("role", "assistant");
        events.add(event("messageStart", start));
        for (String piece : c.chunks) {
            ObjectNode delta = Json.obj();
            delta.put("contentBlockIndex", 0);
            delta.putObject("delta").put("text", piece);
            delta.put("p", "abcd");
            events.add(event("contentBlockDelta", delta));
        }
        ObjectNode stop = Json.obj();
        stop.put("contentBlockIndex", 0);
        events.add(event("contentBlockStop", stop));
        ObjectNode messageStop = Json.obj();
        messageStop.put("stopReason", c.finishOr("end_turn"));
        events.add(event("messageStop", messageStop));
        ObjectNode metadata = Json.obj();
        metadata.set("usage", usage(c.usage));
        metadata.putObject("metrics").put("latencyMs", 120);
        events.add(event("metadata", metadata));
        ObjectNode error = Json.obj();
        error.put("message", "The server encountered an internal error.");
        return Rendered.stream(EVENT_STREAM, events, i -> exception("internalServerException", error));
    }

    /** An AWS JSON error: the body names the message, the {@code x-amzn-ErrorType} header the type. */
    static Rendered error(int status, String type, String message) {
        ObjectNode o = Json.obj();
        o.put("message", message);
        return Rendered.body(status, JSON, Json.bytes(o))
                .header("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
    }

    private static ObjectNode usage(FakeUsage u) {
        ObjectNode usage = Json.obj();
        long cached = u.cachedInput();
        usage.put("inputTokens", u.input() - cached);
        usage.put("outputTokens", u.output());
        usage.put("totalTokens", u.input() + u.output());
        if (cached > 0) {
            usage.put("cacheReadInputTokens", cached);
        }
        return usage;
    }

    private static byte[] event(String eventType, ObjectNode payload) {
        return message(Json.bytes(payload),
                ":event-type", eventType, ":content-type", "application/json", ":message-type", "event");
    }

    private static byte[] exception(String exceptionType, ObjectNode payload) {
        return message(Json.bytes(payload),
                ":exception-type", exceptionType, ":content-type", "application/json", ":message-type", "exception");
    }

    /** One event stream message: prelude with its CRC-32, string headers, payload, message CRC-32. */
    static byte[] message(byte[] payload, String... headerNamesAndValues) {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            byte[] name = headerNamesAndValues[i].getBytes(StandardCharsets.US_ASCII);
            byte[] value = headerNamesAndValues[i + 1].getBytes(StandardCharsets.UTF_8);
            headers.write(name.length);
            headers.write(name, 0, name.length);
            headers.write(7); // string
            headers.write(value.length >> 8);
            headers.write(value.length & 0xff);
            headers.write(value, 0, value.length);
        }
        int total = 12 + headers.size() + payload.length + 4;
        ByteBuffer message = ByteBuffer.allocate(total);
        message.putInt(total).putInt(headers.size()).putInt(crc(message.array(), 8));
        message.put(headers.toByteArray()).put(payload);
        message.putInt(crc(message.array(), total - 4));
        return message.array();
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
