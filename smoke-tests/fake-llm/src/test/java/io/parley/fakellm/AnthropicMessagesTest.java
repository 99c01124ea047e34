package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnthropicMessagesTest {

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
    void nonStreamingMessage() throws Exception {
        llm.datedModels().usage(new FakeUsage(25, 12, 100, 0, 30));
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/v1/messages",
                "{\"model\":\"claude-sonnet-4-0\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "anthropic-version", "2023-06-01");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("request-id").orElseThrow().startsWith("req_"));
        JsonNode m = Http.json(r);
        assertTrue(m.path("id").asText().startsWith("msg_"));
        assertEquals("message", m.path("type").asText());
        assertEquals("assistant", m.path("role").asText());
        assertEquals("claude-sonnet-4-20250514", m.path("model").asText());
        assertEquals("text", m.path("content").get(0).path("type").asText());
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, m.path("content").get(0).path("text").asText());
        assertEquals("end_turn", m.path("stop_reason").asText());
        assertTrue(m.has("stop_sequence") && m.path("stop_sequence").isNull());
        JsonNode u = m.path("usage");
        assertEquals(25, u.path("input_tokens").asLong());
        assertEquals(30, u.path("cache_creation_input_tokens").asLong());
        assertEquals(100, u.path("cache_read_input_tokens").asLong());
        assertEquals(12, u.path("output_tokens").asLong());
        assertEquals("standard", u.path("service_tier").asText());
        assertEquals("2023-06-01", llm.lastRequest().header("Anthropic-Version"));
    }

    @Test
    void streamingEventsInOrderWithCumulativeOutputTokens() throws Exception {
        llm.next().chunks("One", " two").usage(new FakeUsage(40, 15, 8, 0, 0));
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/v1/messages",
                "{\"model\":\"claude-3-5-haiku-latest\",\"stream\":true,\"max_tokens\":10,\"messages\":[]}");
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<Http.Event> events = Http.sse(Http.text(r));
        List<String> names = new ArrayList<>();
        for (Http.Event e : events) {
            names.add(e.name());
            assertEquals(e.name(), e.json().path("type").asText());
        }
        assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop"), names);
        JsonNode start = events.get(0).json().path("message");
        assertEquals("claude-3-5-haiku-latest", start.path("model").asText());
        assertTrue(start.path("content").isEmpty());
        assertTrue(start.path("stop_reason").isNull());
        assertEquals(40, start.path("usage").path("input_tokens").asLong());
        assertEquals(8, start.path("usage").path("cache_read_input_tokens").asLong());
        assertEquals(1, start.path("usage").path("output_tokens").asLong());
        assertEquals("", events.get(1).json().path("content_block").path("text").asText());
        JsonNode delta = events.get(4).json();
        assertEquals(0, delta.path("index").asInt());
        assertEquals("text_delta", delta.path("delta").path("type").asText());
        assertEquals(" two", delta.path("delta").path("text").asText());
        JsonNode messageDelta = events.get(6).json();
        assertEquals("end_turn", messageDelta.path("delta").path("stop_reason").asText());
        assertTrue(messageDelta.path("delta").path("stop_sequence").isNull());
        assertEquals(15, messageDelta.path("usage").path("output_tokens").asLong());
        assertFalse(messageDelta.path("usage").has("input_tokens"), "documented minimal delta usage by default");
    }

    @Test
    void fullDeltaUsageOption() throws Exception {
        llm.anthropicFullDeltaUsage(true).usage(new FakeUsage(40, 15, 8, 0, 3));
        List<Http.Event> events = Http.sse(Http.text(Http.post(llm.baseUrl() + "/v1/messages",
                "{\"model\":\"claude-sonnet-4-0\",\"stream\":true}")));
        JsonNode usage = events.get(events.size() - 2).json().path("usage");
        assertEquals(40, usage.path("input_tokens").asLong());
        assertEquals(3, usage.path("cache_creation_input_tokens").asLong());
        assertEquals(8, usage.path("cache_read_input_tokens").asLong());
        assertEquals(15, usage.path("output_tokens").asLong());
    }

    @Test
    void countTokens() throws Exception {
        llm.usage(77, 1);
        JsonNode o = Http.json(Http.post(llm.baseUrl() + "/v1/messages/count_tokens",
                "{\"model\":\"claude-sonnet-4-0\",\"messages\":[]}"));
        assertEquals(77, o.path("input_tokens").asLong());
    }
}
