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

class GeminiTest {

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
    void generateContent() throws Exception {
        llm.datedModels().usage(10, 6, 4, 20);
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/v1beta/models/gemini-2.0-flash:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", "k");
        assertEquals(200, r.statusCode());
        JsonNode o = Http.json(r);
        JsonNode c = o.path("candidates").get(0);
        assertEquals("model", c.path("content").path("role").asText());
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, c.path("content").path("parts").get(0).path("text").asText());
        assertEquals("STOP", c.path("finishReason").asText());
        assertEquals(0, c.path("index").asInt());
        JsonNode u = o.path("usageMetadata");
        assertEquals(10, u.path("promptTokenCount").asLong());
        assertEquals(6, u.path("candidatesTokenCount").asLong());
        assertEquals(4, u.path("cachedContentTokenCount").asLong());
        assertEquals(20, u.path("thoughtsTokenCount").asLong());
        assertEquals(36, u.path("totalTokenCount").asLong());
        assertEquals("gemini-2.0-flash-001", o.path("modelVersion").asText());
        assertTrue(o.path("responseId").isTextual());
    }

    @Test
    void zeroCachedAndThoughtsAreOmittedLikeTheApi() throws Exception {
        llm.usage(10, 6);
        JsonNode u = Http.json(Http.post(llm.baseUrl() + "/v1beta/models/gemini-2.5-flash:generateContent", "{}"))
                .path("usageMetadata");
        assertFalse(u.has("cachedContentTokenCount"));
        assertFalse(u.has("thoughtsTokenCount"));
        assertEquals(16, u.path("totalTokenCount").asLong());
    }

    @Test
    void sseStreamUsesCrlfAndCumulativeUsageWithFinalNumbersLast() throws Exception {
        llm.next().chunks("a", "b", "c", "d").usage(10, 8);
        HttpResponse<byte[]> r = Http.post(llm.baseUrl()
                + "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", "{}");
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        String body = Http.text(r);
        assertTrue(body.startsWith("data: {") && body.endsWith("}\r\n\r\n"), "Gemini frames with CRLF");
        List<Http.Event> events = Http.sse(body);
        assertEquals(4, events.size());
        long previous = 0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            JsonNode chunk = events.get(i).json();
            JsonNode cand = chunk.path("candidates").get(0);
            text.append(cand.path("content").path("parts").get(0).path("text").asText());
            assertEquals(i == 3, cand.has("finishReason"), "finishReason only on the last chunk");
            long soFar = chunk.path("usageMetadata").path("candidatesTokenCount").asLong();
            assertTrue(soFar >= previous);
            previous = soFar;
            assertEquals(10, chunk.path("usageMetadata").path("promptTokenCount").asLong());
            assertEquals("gemini-2.0-flash", chunk.path("modelVersion").asText());
        }
        assertEquals("abcd", text.toString());
        assertEquals(8, previous);
        assertEquals(18, events.get(3).json().path("usageMetadata").path("totalTokenCount").asLong());
    }

    @Test
    void streamWithoutAltSseIsAJsonArray() throws Exception {
        llm.next().chunks("x", "y");
        HttpResponse<byte[]> r = Http.post(llm.baseUrl()
                + "/v1beta/models/gemini-2.0-flash:streamGenerateContent", "{}");
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        JsonNode array = Http.json(r);
        assertTrue(array.isArray());
        assertEquals(2, array.size());
        assertEquals("y", array.get(1).path("candidates").get(0).path("content").path("parts").get(0).path("text")
                .asText());
    }

    @Test
    void embedAndCountTokens() throws Exception {
        llm.usage(5, 0);
        JsonNode e = Http.json(Http.post(llm.baseUrl() + "/v1beta/models/text-embedding-004:embedContent", "{}"));
        assertEquals(8, e.path("embedding").path("values").size());
        JsonNode b = Http.json(Http.post(llm.baseUrl() + "/v1beta/models/text-embedding-004:batchEmbedContents",
                "{\"requests\":[{},{}]}"));
        assertEquals(2, b.path("embeddings").size());
        JsonNode c = Http.json(Http.post(llm.baseUrl() + "/v1beta/models/gemini-2.0-flash:countTokens", "{}"));
        assertEquals(5, c.path("totalTokens").asLong());
    }
}
