package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportTest {

    static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";
    static final String CHAT_STREAM = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

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
    void gzipWhenEnabledAndAccepted() throws Exception {
        llm.gzip(true);
        HttpResponse<byte[]> r = Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT, "Accept-Encoding", "gzip");
        assertEquals("gzip", r.headers().firstValue("content-encoding").orElseThrow());
        JsonNode o = Http.json(Http.gunzip(r.body()));
        assertEquals("chat.completion", o.path("object").asText());
    }

    @Test
    void gzipStreamDecodesToTheSameEvents() throws Exception {
        llm.gzip(true);
        HttpResponse<byte[]> r = Http.post(llm.baseUrl() + "/v1/messages",
                "{\"model\":\"claude-sonnet-4-0\",\"stream\":true}", "Accept-Encoding", "gzip, deflate");
        assertEquals("gzip", r.headers().firstValue("content-encoding").orElseThrow());
        List<Http.Event> events = Http.sse(Http.gunzip(r.body()));
        assertEquals("message_start", events.get(0).name());
        assertEquals("message_stop", events.get(events.size() - 1).name());
    }

    @Test
    void noGzipWithoutAcceptEncodingOrWhenDisabled() throws Exception {
        llm.gzip(true);
        HttpResponse<byte[]> plain = Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT);
        assertFalse(plain.headers().firstValue("content-encoding").isPresent());
        Http.json(plain);
        llm.gzip(false);
        HttpResponse<byte[]> off = Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT, "Accept-Encoding", "gzip");
        assertFalse(off.headers().firstValue("content-encoding").isPresent());
        llm.next().gzip(true);
        HttpResponse<byte[]> perResponse = Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT,
                "Accept-Encoding", "gzip");
        assertEquals("gzip", perResponse.headers().firstValue("content-encoding").orElseThrow());
    }

    @Test
    void streamsAreChunkedAndBodiesHaveContentLength() throws Exception {
        String stream = Http.raw(llm.port(), "/v1/chat/completions", CHAT_STREAM).toLowerCase();
        assertTrue(stream.contains("transfer-encoding: chunked"));
        assertTrue(stream.endsWith("0\r\n\r\n"), "a complete stream ends with the zero-length chunk");
        String body = Http.raw(llm.port(), "/v1/chat/completions", CHAT).toLowerCase();
        assertTrue(body.contains("content-length: "));
        assertFalse(body.contains("transfer-encoding"));
    }

    @Test
    void eventDelayMakesTimeToFirstChunkMeasurable() throws Exception {
        llm.next().chunks("a").eventDelay(Duration.ofMillis(100));
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = Http.postStreaming(llm.openAiBaseUrl() + "/chat/completions", CHAT_STREAM);
        long headersMs = (System.nanoTime() - t0) / 1_000_000;
        int events = 0;
        long firstMs = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    if (events++ == 0) {
                        firstMs = (System.nanoTime() - t0) / 1_000_000;
                    }
                }
            }
        }
        long totalMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(5, events); // role, "a", finish, usage, [DONE]
        assertTrue(firstMs >= 95, "first event after the delay: " + firstMs);
        assertTrue(firstMs - headersMs >= 50, "headers come before the first event: " + headersMs + " vs " + firstMs);
        assertTrue(totalMs >= 5 * 95, "one delay per event: " + totalMs);
    }

    @Test
    void responseDelayHoldsTheHeaders() throws Exception {
        llm.responseDelay(Duration.ofMillis(120));
        long t0 = System.nanoTime();
        Http.post(llm.openAiBaseUrl() + "/chat/completions", CHAT);
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 115);
    }

    @Test
    void onlyLoopbackIsBound() {
        assertTrue(llm.baseUrl().startsWith("http://127.0.0.1:"));
        assertTrue(llm.port() > 0);
    }
}
