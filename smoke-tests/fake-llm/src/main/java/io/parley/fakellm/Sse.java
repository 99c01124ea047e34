package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/** Server-sent-event framing. */
final class Sse {

    private Sse() {
    }

    /** {@code event: name\ndata: json\n\n} (Anthropic, OpenAI Responses). */
    static byte[] event(String name, JsonNode data) {
        return ("event: " + name + "\ndata: " + Json.str(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code data: json\n\n} (OpenAI chat completions). */
    static byte[] data(JsonNode data) {
        return data(Json.str(data));
    }

    static byte[] data(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code data: json\r\n\r\n}: Gemini terminates its SSE lines with CRLF. */
    static byte[] dataCrlf(JsonNode data) {
        return ("data: " + Json.str(data) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One NDJSON line (Ollama). */
    static byte[] line(JsonNode data) {
        return (Json.str(data) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
