package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingAndScriptingTest {

    static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";

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
    void everyRequestIsRecordedExactly() throws Exception {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"héllo\"}]}";
        Http.post(llm.openAiBaseUrl() + "/chat/completions?x=1", body, "Authorization", "Bearer sk-test",
                "X-Parley-Session", "s-1");
        RecordedRequest r = llm.lastRequest();
        assertEquals(1, r.sequence());
        assertEquals("POST", r.method());
        assertEquals("/v1/chat/completions", r.path());
        assertEquals("x=1", r.query());
        assertEquals("Bearer sk-test", r.header("authorization"));
        assertEquals("s-1", r.header("x-parley-session"));
        assertTrue(r.headers().containsKey("x-parley-session"), "names are lower-cased");
        assertFalse(r.hasHeader("baggage"));
        assertNull(r.header("traceparent"));
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), r.body());
        assertEquals(body, r.bodyText());
        assertEquals("héllo", r.json().path("messages").get(0).path("content").asText());
    }

    @Test
    void gzippedRequestBodiesAreDecodedForReading() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(CHAT.getBytes(StandardCharsets.UTF_8));
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(llm.openAiBaseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build();
        assertEquals(200, Http.CLIENT.send(req, HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals("gpt-4o-mini", llm.lastRequest().json().path("model").asText());
        assertArrayEquals(bytes.toByteArray(), llm.lastRequest().body(), "raw bytes kept as sent");
    }

    @Test
    void clearResetAndAwait() throws Exception {
        llm.reply("custom").usage(1, 2);
        Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT);
        assertEquals(1, llm.awaitRequests(1, Duration.ofSeconds(1)).size());
        llm.clear();
        assertEquals(0, llm.requestCount());
        assertThrows(IllegalStateException.class, llm::lastRequest);
        JsonNode kept = Http.json(Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT));
        assertEquals("custom", kept.path("choices").get(0).path("message").path("content").asText(), "clear keeps settings");
        llm.next().text("queued");
        llm.reset();
        assertEquals(0, llm.requestCount());
        assertEquals(0, llm.pendingScripts());
        JsonNode fresh = Http.json(Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT));
        assertEquals(FakeLlmProvider.DEFAULT_TEXT, fresh.path("choices").get(0).path("message").path("content").asText());
        assertEquals(FakeUsage.DEFAULT.input(), fresh.path("usage").path("prompt_tokens").asLong());
        assertThrows(AssertionError.class, () -> llm.awaitRequests(5, Duration.ofMillis(30)));
    }

    @Test
    void scriptsAreUsedInOrderThenRespondWithThenDefaults() throws Exception {
        llm.enqueue(new FakeResponse().text("first"), new FakeResponse().text("second"));
        llm.respondWith(req -> req.json().path("model").asText().equals("special")
                ? new FakeResponse().text("by function") : null);
        List<String> got = new ArrayList<>();
        for (String model : List.of("a", "b", "special", "c")) {
            got.add(Http.json(Http.post(llm.openAiBaseUrl() + "/chat/completions", "{\"model\":\"" + model + "\"}"))
                    .path("choices").get(0).path("message").path("content").asText());
        }
        assertEquals(List.of("first", "second", "by function", FakeLlmProvider.DEFAULT_TEXT), got);
    }

    @Test
    void unknownPathsAre404AndRecorded() throws Exception {
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/v1/nope", "{}");
        assertEquals(404, r.statusCode());
        assertEquals("invalid_request_error", Http.json(r).path("error").path("type").asText());
        assertEquals("/v1/nope", llm.lastRequest().path());
    }

    @Test
    void invalidJsonIsA400InTheDialect() throws Exception {
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/v1/messages", "not json");
        assertEquals(400, r.statusCode());
        assertEquals("invalid_request_error", Http.json(r).path("error").path("type").asText());
    }

    @Test
    void concurrentStreamsAllCompleteWithTheirOwnScripts() throws Exception {
        int n = 24;
        llm.eventDelay(Duration.ofMillis(10));
        llm.respondWith(req -> new FakeResponse().usage(req.json().path("n").asLong(), 1));
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(llm.openAiBaseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"n\":" + (100 + i)
                            + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"))
                    .build();
            futures.add(Http.CLIENT.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
        }
        long t0 = System.nanoTime();
        Set<Long> usages = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> f : futures) {
            List<Http.Event> events = Http.sse(f.get().body());
            assertEquals("[DONE]", events.get(events.size() - 1).data());
            usages.add(events.get(events.size() - 2).json().path("usage").path("prompt_tokens").asLong());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(n, usages.size(), "each stream got its own usage");
        assertEquals(n, llm.requestCount());
        assertTrue(ms < n * 9 * 10 / 2, "streams ran in parallel (" + ms + " ms)");
    }

    @Test
    void datedModelMappingIsPerName() throws Exception {
        llm.datedModel("my-model", "my-model-2030-01-01");
        assertEquals("my-model-2030-01-01", Http.json(Http.post(llm.openAiBaseUrl() + "/chat/completions",
                "{\"model\":\"my-model\"}")).path("model").asText());
        assertEquals("gpt-4o-mini", Http.json(Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT))
                .path("model").asText());
    }
}
