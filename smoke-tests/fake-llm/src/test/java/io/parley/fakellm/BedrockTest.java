package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BedrockTest {

    static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";

    FakeLlmProvider llm;

    @BeforeEach
    void start() {
        llm = FakeLlmProvider.started();
    }

    @AfterEach
    void stop() {
        llm.close();
    }

    @Test
    void converseAnswersJsonWithCacheReadsApartFromInputTokens() throws Exception {
        llm.next().usage(100, 9, 40, 0);
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", BODY);
        assertEquals(200, r.statusCode());
        JsonNode o = new ObjectMapper().readTree(r.body());
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, o.at("/output/message/content/0/text").asText());
        assertEquals("end_turn", o.path("stopReason").asText());
        assertEquals(60, o.at("/usage/inputTokens").asLong());
        assertEquals(40, o.at("/usage/cacheReadInputTokens").asLong());
        assertEquals(9, o.at("/usage/outputTokens").asLong());
        assertEquals("anthropic.claude-3-haiku-20240307-v1:0", Route.bedrockModel(llm.requests().get(0).path()));
    }

    @Test
    void converseStreamIsAValidEventStreamWithTheTextAndTheUsage() throws Exception {
        llm.next().usage(30, 6);
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/model/amazon.nova-pro-v1:0/converse-stream", BODY);
        assertEquals("application/vnd.amazon.eventstream", r.headers().firstValue("content-type").orElseThrow());
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        JsonNode metadata = null;
        ByteBuffer in = ByteBuffer.wrap(r.body());
        ObjectMapper json = new ObjectMapper();
        while (in.remaining() > 0) {
            int start = in.position();
            int total = in.getInt();
            int headers = in.getInt();
            assertEquals(crc(r.body(), start, 8), in.getInt(), "prelude checksum");
            byte[] head = new byte[headers];
            in.get(head);
            byte[] payload = new byte[total - 16 - headers];
            in.get(payload);
            assertEquals(crc(r.body(), start, total - 4), in.getInt(), "message checksum");
            String type = eventType(head);
            types.add(type);
            JsonNode event = json.readTree(payload);
            if (type.equals("contentBlockDelta")) {
                text.append(event.at("/delta/text").asText());
            } else if (type.equals("metadata")) {
                metadata = event;
            }
        }
        assertEquals("messageStart", types.get(0));
        assertEquals(List.of("contentBlockStop", "messageStop", "metadata"), types.subList(types.size() - 3, types.size()));
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, text.toString());
        assertTrue(metadata != null && metadata.at("/usage/inputTokens").asLong() == 30, String.valueOf(metadata));
        assertEquals(6, metadata.at("/usage/outputTokens").asLong());
    }

    @Test
    void aRateLimitIsAnAwsThrottlingError() throws Exception {
        llm.next().fault(FakeFault.rateLimited(3));
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/model/m/converse", BODY);
        assertEquals(429, r.statusCode());
        assertTrue(r.headers().firstValue("x-amzn-ErrorType").orElseThrow().startsWith("ThrottlingException:"));
    }

    private static String eventType(byte[] headers) {
        ByteBuffer h = ByteBuffer.wrap(headers);
        while (h.remaining() > 0) {
            byte[] name = new byte[h.get() & 0xff];
            h.get(name);
            assertEquals(7, h.get(), "string header");
            byte[] value = new byte[h.getShort() & 0xffff];
            h.get(value);
            if (new String(name, StandardCharsets.US_ASCII).equals(":event-type")) {
                return new String(value, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
