package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsTest {

    static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";
    static final String CHAT_STREAM = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    static final String MESSAGES_STREAM = "{\"model\":\"claude-sonnet-4-0\",\"stream\":true,\"max_tokens\":5}";

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
    void rateLimitedOpenAiShapeWithRetryAfter() throws Exception {
        llm.failNext(FakeFault.rateLimited());
        HttpResponse<byte[]> r = Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT);
        assertEquals(429, r.statusCode());
        assertEquals("1", r.headers().firstValue("retry-after").orElseThrow());
        assertEquals("0", r.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        JsonNode e = Http.json(r).path("error");
        assertTrue(e.path("message").asText().startsWith("Rate limit reached for gpt-4o-mini"));
        assertEquals("requests", e.path("type").asText());
        assertEquals("rate_limit_exceeded", e.path("code").asText());
        assertTrue(e.has("param") && e.path("param").isNull());
        assertEquals(200, Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT).statusCode(), "one-shot");
    }

    @Test
    void rateLimitedAnthropicShapeAndZeroRetryAfter() throws Exception {
        llm.failNext(FakeFault.rateLimited(0));
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/v1/messages", MESSAGES_STREAM);
        assertEquals(429, r.statusCode());
        assertEquals("0", r.headers().firstValue("retry-after").orElseThrow());
        JsonNode o = Http.json(r);
        assertEquals("error", o.path("type").asText());
        assertEquals("rate_limit_error", o.path("error").path("type").asText());
        assertTrue(o.path("request_id").asText().startsWith("req_"));
    }

    @Test
    void serverErrorInEachDialect() throws Exception {
        llm.failNext(4, FakeFault.serverError());
        HttpResponse<byte[]> openai = Http.post(llm.openAiBaseUrl() + "/responses", "{\"model\":\"gpt-4o\"}");
        assertEquals(500, openai.statusCode());
        assertEquals("server_error", Http.json(openai).path("error").path("type").asText());
        HttpResponse<byte[]> anthropic = Http.post(llm.baseUrl() + "/v1/messages", "{}");
        assertEquals(500, anthropic.statusCode());
        assertEquals("api_error", Http.json(anthropic).path("error").path("type").asText());
        HttpResponse<byte[]> gemini = Http.post(llm.baseUrl() + "/v1beta/models/gemini-2.0-flash:generateContent", "{}");
        assertEquals(500, gemini.statusCode());
        assertEquals("INTERNAL", Http.json(gemini).path("error").path("status").asText());
        assertEquals(500, Http.json(gemini).path("error").path("code").asInt());
        HttpResponse<byte[]> ollama = Http.post(llm.baseUrl() + "/api/chat", "{}");
        assertEquals(500, ollama.statusCode());
        assertTrue(Http.json(ollama).path("error").isTextual());
    }

    @Test
    void anthropicOverloaded529() throws Exception {
        llm.failNext(FakeFault.anthropicOverloaded());
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/v1/messages", "{}");
        assertEquals(529, r.statusCode());
        JsonNode o = Http.json(r);
        assertEquals("error", o.path("type").asText());
        assertEquals("overloaded_error", o.path("error").path("type").asText());
        assertEquals("Overloaded", o.path("error").path("message").asText());
    }

    @Test
    void overloadedFollowsTheDialect() throws Exception {
        llm.failNext(2, FakeFault.overloaded());
        assertEquals(529, Http.post(llm.baseUrl() + "/v1/messages", "{}").statusCode());
        assertEquals(503, Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT).statusCode());
    }

    @Test
    void anthropicErrorRawStatusAndExtraHeaders() throws Exception {
        llm.failNext(FakeFault.anthropicError(500, "api_error", "boom"));
        llm.failNext(FakeFault.status(418, "{\"teapot\":true}").withHeader("x-should-retry", "false"));
        HttpResponse<byte[]> a = Http.post(llm.baseUrl() + "/v1/messages", "{}");
        assertEquals(500, a.statusCode());
        assertEquals("boom", Http.json(a).path("error").path("message").asText());
        HttpResponse<byte[]> t = Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT);
        assertEquals(418, t.statusCode());
        assertTrue(Http.json(t).path("teapot").asBoolean());
        assertEquals("false", t.headers().firstValue("x-should-retry").orElseThrow());
    }

    @Test
    void failNextTimesThenSucceeds() throws Exception {
        llm.failNext(2, FakeFault.serverError());
        assertEquals(500, Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT).statusCode());
        assertEquals(500, Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT).statusCode());
        assertEquals(200, Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT).statusCode());
        assertEquals(0, llm.pendingScripts());
    }

    @Test
    void disconnectSendsNothing() throws Exception {
        llm.failNext(FakeFault.disconnect());
        assertThrows(IOException.class, () -> Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT));
        String raw = Http.raw(llm.port(), "/v1/chat/completions", CHAT);
        assertTrue(raw.startsWith("HTTP/1.1 200"), "only the next call is affected");
    }

    @Test
    void cutStreamEndsAbruptlyForTheClient() throws Exception {
        llm.failNext(FakeFault.cutStreamAfter(3));
        HttpResponse<InputStream> r = Http.postStreaming(llm.openAiBaseUrl() + "/chat/completions", CHAT_STREAM);
        assertEquals(200, r.statusCode());
        List<String> dataLines = new ArrayList<>();
        IOException failure = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    dataLines.add(line);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        assertTrue(failure != null, "the JDK client must see the stream fail, not end cleanly; got " + dataLines);
        assertEquals(3, dataLines.size());
        assertFalse(dataLines.contains("data: [DONE]"));
    }

    @Test
    void cutStreamHasNoTerminatingChunkOnTheWire() throws Exception {
        llm.failNext(FakeFault.cutStreamAfter(2));
        String raw = Http.raw(llm.port(), "/v1/messages", MESSAGES_STREAM);
        assertTrue(raw.startsWith("HTTP/1.1 200"));
        assertTrue(raw.toLowerCase().contains("transfer-encoding: chunked"));
        assertTrue(raw.contains("event: message_start") && raw.contains("event: content_block_start"));
        assertFalse(raw.contains("event: ping"));
        assertFalse(raw.endsWith("0\r\n\r\n"), "no zero-length last chunk");
    }

    @Test
    void cutAfterMoreEventsThanTheStreamHasStillDropsTheEnd() throws Exception {
        llm.failNext(FakeFault.cutStreamAfter(1000));
        String raw = Http.raw(llm.port(), "/v1/chat/completions", CHAT_STREAM);
        assertTrue(raw.contains("data: [DONE]"));
        assertFalse(raw.endsWith("0\r\n\r\n"));
    }

    @Test
    void cutNonStreamingBodyIsTruncated() throws Exception {
        llm.failNext(FakeFault.cutStreamAfter(0));
        assertThrows(IOException.class, () -> Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT));
    }

    @Test
    void anthropicErrorEventMidStreamOnA200() throws Exception {
        llm.failNext(FakeFault.streamError());
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/v1/messages", MESSAGES_STREAM);
        assertEquals(200, r.statusCode());
        List<Http.Event> events = Http.sse(Http.text(r));
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.name()));
        assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta", "error"), names);
        JsonNode err = events.get(4).json();
        assertEquals("error", err.path("type").asText());
        assertEquals("overloaded_error", err.path("error").path("type").asText());
        assertEquals("Overloaded", err.path("error").path("message").asText());
    }

    @Test
    void streamErrorInOtherDialects() throws Exception {
        llm.failNext(3, FakeFault.streamError(2));
        List<Http.Event> chat = Http.sse(Http.text(Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT_STREAM)));
        assertEquals(3, chat.size());
        assertEquals("server_error", chat.get(2).json().path("error").path("type").asText());
        List<Http.Event> resp = Http.sse(Http.text(Http.post(llm.openAiBaseUrl() + "/responses",
                "{\"model\":\"gpt-4o\",\"stream\":true}")));
        assertEquals("error", resp.get(2).name());
        assertEquals(2, resp.get(2).json().path("sequence_number").asInt());
        List<JsonNode> ollama = Http.ndjson(Http.text(Http.post(llm.baseUrl() + "/api/chat", "{\"model\":\"m\"}")));
        assertEquals(3, ollama.size());
        assertTrue(ollama.get(2).path("error").isTextual());
    }

    @Test
    void streamErrorOnANonStreamingCallIsA500() throws Exception {
        llm.failNext(FakeFault.streamError());
        assertEquals(500, Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT).statusCode());
    }
}
