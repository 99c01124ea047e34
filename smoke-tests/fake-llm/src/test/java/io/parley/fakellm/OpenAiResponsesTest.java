package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiResponsesTest {

    /** Fields openai-java's Response reads with getRequired, plus the ones the API always sends. */
    static final List<String> RESPONSE_FIELDS = List.of("id", "object", "created_at", "status", "background", "error",
            "incomplete_details", "instructions", "max_output_tokens", "max_tool_calls", "model", "output",
            "parallel_tool_calls", "previous_response_id", "prompt_cache_key", "reasoning", "safety_identifier",
            "service_tier", "store", "temperature", "text", "tool_choice", "tools", "top_logprobs", "top_p",
            "truncation", "usage", "user", "metadata");

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
    void nonStreamingResponseObject() throws Exception {
        llm.datedModels().next().usage(50, 20, 40, 12).text("Hi there");
        HttpResponse<byte[]> r = Http.post(llm.openAiBaseUrl() + "/responses",
                "{\"model\":\"gpt-4.1\",\"input\":\"hi\",\"instructions\":\"be brief\",\"temperature\":0.2}");
        assertEquals(200, r.statusCode());
        JsonNode o = Http.json(r);
        for (String f : RESPONSE_FIELDS) {
            assertTrue(o.has(f), "missing " + f);
        }
        assertTrue(o.path("id").asText().startsWith("resp_"));
        assertEquals("response", o.path("object").asText());
        assertEquals("completed", o.path("status").asText());
        assertEquals("gpt-4.1-2025-04-14", o.path("model").asText());
        assertEquals("be brief", o.path("instructions").asText(), "request parameters are echoed");
        assertEquals(0.2, o.path("temperature").asDouble(), 1e-9);
        assertEquals(1.0, o.path("top_p").asDouble(), 1e-9);
        assertTrue(o.path("parallel_tool_calls").asBoolean());
        assertEquals("auto", o.path("tool_choice").asText());
        assertTrue(o.path("tools").isArray());
        assertEquals("text", o.path("text").path("format").path("type").asText());
        assertEquals("disabled", o.path("truncation").asText());
        JsonNode item = o.path("output").get(0);
        assertEquals("message", item.path("type").asText());
        assertTrue(item.path("id").asText().startsWith("msg_"));
        assertEquals("completed", item.path("status").asText());
        assertEquals("assistant", item.path("role").asText());
        JsonNode part = item.path("content").get(0);
        assertEquals("output_text", part.path("type").asText());
        assertEquals("Hi there", part.path("text").asText());
        assertTrue(part.path("annotations").isArray());
        JsonNode u = o.path("usage");
        assertEquals(50, u.path("input_tokens").asLong());
        assertEquals(40, u.path("input_tokens_details").path("cached_tokens").asLong());
        assertEquals(0, u.path("input_tokens_details").path("cache_write_tokens").asLong(-1),
                "openai-java 4.x requires cache_write_tokens");
        assertEquals(20, u.path("output_tokens").asLong());
        assertEquals(12, u.path("output_tokens_details").path("reasoning_tokens").asLong());
        assertEquals(70, u.path("total_tokens").asLong());
    }

    @Test
    void streamingEventsInOrderWithSequenceNumbers() throws Exception {
        llm.next().chunks("a", "b", "c").usage(9, 3);
        HttpResponse<byte[]> r = Http.post(llm.openAiBaseUrl() + "/responses",
                "{\"model\":\"gpt-4o-mini\",\"input\":\"hi\",\"stream\":true}");
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<Http.Event> events = Http.sse(Http.text(r));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Http.Event e = events.get(i);
            JsonNode data = e.json();
            assertEquals(e.name(), data.path("type").asText(), "event name = data.type");
            assertEquals(i, data.path("sequence_number").asInt());
            names.add(e.name());
        }
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"), names);
        JsonNode created = events.get(0).json().path("response");
        assertEquals("in_progress", created.path("status").asText());
        assertTrue(created.path("usage").isNull());
        assertTrue(created.path("output").isEmpty());
        JsonNode delta = events.get(5).json();
        assertEquals("b", delta.path("delta").asText());
        assertEquals(0, delta.path("output_index").asInt());
        assertEquals(0, delta.path("content_index").asInt());
        assertTrue(delta.path("item_id").asText().startsWith("msg_"));
        assertTrue(delta.path("logprobs").isArray());
        assertEquals("abc", events.get(7).json().path("text").asText());
        JsonNode done = events.get(10).json().path("response");
        assertEquals("completed", done.path("status").asText());
        assertEquals("abc", done.path("output").get(0).path("content").get(0).path("text").asText());
        assertEquals(9, done.path("usage").path("input_tokens").asLong());
        assertEquals(3, done.path("usage").path("output_tokens").asLong());
        assertEquals(12, done.path("usage").path("total_tokens").asLong());
        for (String f : RESPONSE_FIELDS) {
            assertTrue(done.has(f), "completed response missing " + f);
        }
    }
}
