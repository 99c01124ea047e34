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

class OpenAiChatCompletionsTest {

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
    void nonStreamingCompletionHasEveryFieldTheSdksRead() throws Exception {
        llm.usage(120, 30, 100, 7).datedModels();
        HttpResponse<byte[]> r = Http.post(llm.openAiBaseUrl() + "/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.headers().firstValue("x-request-id").orElseThrow().startsWith("req_"));
        JsonNode o = Http.json(r);
        assertTrue(o.path("id").asText().startsWith("chatcmpl-"));
        assertEquals("chat.completion", o.path("object").asText());
        assertTrue(o.path("created").isIntegralNumber());
        assertEquals("gpt-4o-mini-2024-07-18", o.path("model").asText());
        JsonNode choice = o.path("choices").get(0);
        assertEquals(0, choice.path("index").asInt());
        assertEquals("assistant", choice.path("message").path("role").asText());
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, choice.path("message").path("content").asText());
        assertTrue(choice.path("message").path("refusal").isNull());
        assertTrue(choice.path("message").path("annotations").isArray());
        assertTrue(choice.path("logprobs").isNull());
        assertEquals("stop", choice.path("finish_reason").asText());
        JsonNode u = o.path("usage");
        assertEquals(120, u.path("prompt_tokens").asLong());
        assertEquals(30, u.path("completion_tokens").asLong());
        assertEquals(150, u.path("total_tokens").asLong());
        assertEquals(100, u.path("prompt_tokens_details").path("cached_tokens").asLong());
        assertEquals(0, u.path("prompt_tokens_details").path("audio_tokens").asLong());
        assertFalse(u.path("prompt_tokens_details").has("cache_write_tokens"), "only sent when > 0");
        assertEquals(7, u.path("completion_tokens_details").path("reasoning_tokens").asLong());
        for (String f : List.of("audio_tokens", "accepted_prediction_tokens", "rejected_prediction_tokens")) {
            assertTrue(u.path("completion_tokens_details").has(f), f);
        }
        assertEquals("default", o.path("service_tier").asText());
        assertTrue(o.path("system_fingerprint").isTextual());
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageChunk() throws Exception {
        HttpResponse<byte[]> r = Http.post(llm.openAiBaseUrl() + "/chat/completions",
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<Http.Event> events = Http.sse(Http.text(r));
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        List<Http.Event> chunks = events.subList(0, events.size() - 1);
        assertEquals(1 + 5 + 1, chunks.size(), "role chunk, 5 content chunks, finish chunk");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode c = chunks.get(i).json();
            assertEquals("chat.completion.chunk", c.path("object").asText());
            assertEquals("gpt-4o", c.path("model").asText(), "no dated mapping configured: echo");
            assertFalse(c.has("usage"), "no usage field at all without include_usage");
            JsonNode choice = c.path("choices").get(0);
            if (i == 0) {
                assertEquals("assistant", choice.path("delta").path("role").asText());
                assertEquals("", choice.path("delta").path("content").asText());
            }
            text.append(choice.path("delta").path("content").asText(""));
            if (i == chunks.size() - 1) {
                assertEquals("stop", choice.path("finish_reason").asText());
                assertTrue(choice.path("delta").isEmpty());
            } else {
                assertTrue(choice.path("finish_reason").isNull());
            }
        }
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, text.toString());
    }

    @Test
    void streamWithIncludeUsageEndsWithUsageChunkThenDone() throws Exception {
        llm.next().chunks("Bon", "jour", "!").usage(11, 3, 2, 1);
        HttpResponse<byte[]> r = Http.post(llm.openAiBaseUrl() + "/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        List<Http.Event> events = Http.sse(Http.text(r));
        assertEquals(1 + 3 + 1 + 1 + 1, events.size());
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        JsonNode usageChunk = events.get(events.size() - 2).json();
        assertTrue(usageChunk.path("choices").isArray() && usageChunk.path("choices").isEmpty());
        assertEquals(11, usageChunk.path("usage").path("prompt_tokens").asLong());
        assertEquals(3, usageChunk.path("usage").path("completion_tokens").asLong());
        assertEquals(14, usageChunk.path("usage").path("total_tokens").asLong());
        assertEquals(2, usageChunk.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong());
        assertEquals(1, usageChunk.path("usage").path("completion_tokens_details").path("reasoning_tokens").asLong());
        for (Http.Event e : events.subList(0, events.size() - 2)) {
            assertTrue(e.json().path("usage").isNull(), "usage: null on the other chunks");
        }
        assertEquals("jour", events.get(2).json().path("choices").get(0).path("delta").path("content").asText());
    }

    @Test
    void anyPathEndingInChatCompletionsIsServed() throws Exception {
        HttpResponse<byte[]> azure = Http.post(llm.baseUrl()
                        + "/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21", "{\"messages\":[]}");
        assertEquals(200, azure.statusCode());
        assertEquals("my-gpt", Http.json(azure).path("model").asText(), "Azure: model from the deployment");
        assertEquals("api-version=2024-10-21", llm.lastRequest().query());
        HttpResponse<byte[]> groq = Http.post(llm.baseUrl() + "/openai/v1/chat/completions",
                "{\"model\":\"llama-3.1-8b-instant\"}");
        assertEquals("llama-3.1-8b-instant", Http.json(groq).path("model").asText());
    }

    @Test
    void cacheWriteTokensWhenConfigured() throws Exception {
        llm.next().usage(FakeUsage.of(100, 10, 20, 0).withCacheCreationInput(64));
        JsonNode u = Http.json(Http.post(llm.openAiBaseUrl() + "/chat/completions", "{\"model\":\"gpt-4o\"}"))
                .path("usage");
        assertEquals(64, u.path("prompt_tokens_details").path("cache_write_tokens").asLong());
        assertEquals(20, u.path("prompt_tokens_details").path("cached_tokens").asLong());
    }

    @Test
    void scriptedModelAndFinishReasonAreVerbatim() throws Exception {
        llm.next().model("custom-2099-01-01").finishReason("length").text("cut");
        JsonNode o = Http.json(Http.post(llm.openAiBaseUrl() + "/chat/completions", "{\"model\":\"gpt-4o-mini\"}"));
        assertEquals("custom-2099-01-01", o.path("model").asText());
        assertEquals("length", o.path("choices").get(0).path("finish_reason").asText());
        assertEquals("cut", o.path("choices").get(0).path("message").path("content").asText());
    }
}
