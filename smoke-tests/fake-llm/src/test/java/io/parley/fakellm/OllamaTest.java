package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaTest {

    static final List<String> FINAL_FIELDS = List.of("done_reason", "total_duration", "load_duration",
            "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration");

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
    void chatStreamsNdjsonWhenStreamIsAbsent() throws Exception {
        llm.usage(26, 5);
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals("application/x-ndjson", r.headers().firstValue("content-type").orElseThrow());
        List<JsonNode> lines = Http.ndjson(Http.text(r));
        assertEquals(6, lines.size());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            assertEquals("llama3.2", l.path("model").asText());
            assertTrue(l.path("created_at").asText().endsWith("Z"));
            assertEquals("assistant", l.path("message").path("role").asText());
            text.append(l.path("message").path("content").asText());
            assertEquals(i == lines.size() - 1, l.path("done").asBoolean());
        }
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, text.toString());
        JsonNode last = lines.get(lines.size() - 1);
        for (String f : FINAL_FIELDS) {
            assertTrue(last.has(f), f);
        }
        assertEquals("stop", last.path("done_reason").asText());
        assertEquals(26, last.path("prompt_eval_count").asLong());
        assertEquals(5, last.path("eval_count").asLong());
        assertFalse(lines.get(0).has("eval_count"));
    }

    @Test
    void chatNonStreamingIsOneObject() throws Exception {
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/api/chat", "{\"model\":\"qwen2.5\",\"stream\":false}");
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        JsonNode o = Http.json(r);
        assertEquals("qwen2.5", o.path("model").asText());
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, o.path("message").path("content").asText());
        assertTrue(o.path("done").asBoolean());
        for (String f : FINAL_FIELDS) {
            assertTrue(o.has(f), f);
        }
    }

    @Test
    void generateStreamsResponseField() throws Exception {
        llm.next().chunks("x", "y");
        List<JsonNode> lines = Http.ndjson(Http.text(Http.post(llm.baseUrl() + "/api/generate",
                "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":true}")));
        assertEquals(3, lines.size());
        assertEquals("x", lines.get(0).path("response").asText());
        assertFalse(lines.get(0).path("done").asBoolean());
        JsonNode last = lines.get(2);
        assertEquals("", last.path("response").asText());
        assertTrue(last.path("done").asBoolean());
        assertTrue(last.path("context").isArray());
        assertEquals(FakeUsage.DEFAULT.output(), last.path("eval_count").asLong());
    }

    @Test
    void generateNonStreaming() throws Exception {
        JsonNode o = Http.json(Http.post(llm.baseUrl() + "/api/generate", "{\"model\":\"llama3.2\",\"stream\":false}"));
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, o.path("response").asText());
        assertTrue(o.path("done").asBoolean());
    }

    @Test
    void embedTagsAndRoot() throws Exception {
        JsonNode e = Http.json(Http.post(llm.baseUrl() + "/api/embed", "{\"model\":\"all-minilm\",\"input\":[\"a\",\"b\"]}"));
        assertEquals(2, e.path("embeddings").size());
        assertEquals(FakeUsage.DEFAULT.input(), e.path("prompt_eval_count").asLong());
        JsonNode tags = Http.json(Http.get(llm.baseUrl() + "/api/tags"));
        assertEquals("llama3.2:latest", tags.path("models").get(0).path("name").asText());
        assertEquals("Ollama is running", Http.text(Http.get(llm.baseUrl() + "/")));
    }
}
