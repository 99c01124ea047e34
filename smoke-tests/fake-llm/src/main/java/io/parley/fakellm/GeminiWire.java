package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Gemini API (generativelanguage / Vertex style paths): generateContent, streamGenerateContent, embeddings, countTokens. */
final class GeminiWire {

    static final String JSON = "application/json; charset=UTF-8";
    static final String EVENT_STREAM = "text/event-stream";

    private GeminiWire() {
    }

    static Rendered generate(Call c) {
        return Rendered.body(200, JSON, Json.bytes(chunk(c, c.text, true, c.usage.output())));
    }

    /**
     * streamGenerateContent: with {@code alt=sse} an SSE stream of {@code data: {...}\r\n\r\n} chunks; without it a
     * JSON array streamed element by element. Every chunk carries cumulative usageMetadata; the last one carries the
     * final numbers and finishReason.
     */
    static Rendered stream(Call c, boolean sse) {
        List<String> pieces = c.chunks.isEmpty() ? List.of("") : c.chunks;
        int n = pieces.size();
        long output = c.usage.output();
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            long soFar = last ? output : Math.round((double) output * (i + 1) / n);
            ObjectNode chunk = chunk(c, pieces.get(i), last, soFar);
            if (sse) {
                events.add(Sse.dataCrlf(chunk));
            } else {
                String prefix = i == 0 ? "[" : "\n,\r\n";
                String suffix = last ? "\n]" : "";
                events.add((prefix + Json.str(chunk) + suffix).getBytes(StandardCharsets.UTF_8));
            }
        }
        ObjectNode error = errorObject(500, "An internal error has occurred. Please retry or report in "
                + "https://developers.generativeai.google/guide/troubleshooting", "INTERNAL");
        if (sse) {
            return Rendered.stream(EVENT_STREAM, events, i -> Sse.dataCrlf(error));
        }
        return Rendered.stream(JSON, events,
                i -> ((i == 0 ? "[" : "\n,\r\n") + Json.str(error) + "\n]").getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode chunk(Call c, String text, boolean last, long candidatesTokens) {
        ObjectNode o = Json.obj();
        ObjectNode candidate = o.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", c.finishOr("STOP"));
        }
        candidate.put("index", 0);
        o.set("usageMetadata", usageMetadata(c.usage, candidatesTokens));
        o.put("modelVersion", c.model);
        o.put("responseId", c.id("resp-"));
        return o;
    }

    static ObjectNode usageMetadata(FakeUsage u, long candidates) {
        ObjectNode m = Json.obj();
        m.put("promptTokenCount", u.input());
        m.put("candidatesTokenCount", candidates);
        m.put("totalTokenCount", u.input() + candidates + u.reasoning());
        if (u.cachedInput() > 0) {
            m.put("cachedContentTokenCount", u.cachedInput());
        }
        ObjectNode promptDetail = m.putArray("promptTokensDetails").addObject();
        promptDetail.put("modality", "TEXT");
        promptDetail.put("tokenCount", u.input());
        if (u.cachedInput() > 0) {
            ObjectNode cacheDetail = m.putArray("cacheTokensDetails").addObject();
            cacheDetail.put("modality", "TEXT");
            cacheDetail.put("tokenCount", u.cachedInput());
        }
        if (u.reasoning() > 0) {
            m.put("thoughtsTokenCount", u.reasoning());
        }
        return m;
    }

    static Rendered embed(Call c) {
        ObjectNode o = Json.obj();
        o.putObject("embedding").set("values", values(0, dims(c.json)));
        return Rendered.body(200, JSON, Json.bytes(o));
    }

    static Rendered batchEmbed(Call c) {
        JsonNode requests = c.json.path("requests");
        int count = requests.isArray() ? requests.size() : 1;
        ObjectNode o = Json.obj();
        ArrayNode embeddings = o.putArray("embeddings");
        for (int i = 0; i < count; i++) {
            embeddings.addObject().set("values", values(i, dims(requests.path(i))));
        }
        return Rendered.body(200, JSON, Json.bytes(o));
    }

    private static int dims(JsonNode request) {
        int d = request.path("outputDimensionality").asInt(0);
        return d > 0 ? d : 8;
    }

    private static ArrayNode values(int index, int dims) {
        ArrayNode a = Json.arr();
        for (float f : OpenAiWire.vector(index, dims)) {
            a.add(f);
        }
        return a;
    }

    static Rendered countTokens(Call c) {
        ObjectNode o = Json.obj();
        o.put("totalTokens", c.usage.input());
        ObjectNode detail = o.putArray("promptTokensDetails").addObject();
        detail.put("modality", "TEXT");
        detail.put("tokenCount", c.usage.input());
        return Rendered.body(200, JSON, Json.bytes(o));
    }

    static ObjectNode errorObject(int code, String message, String status) {
        ObjectNode o = Json.obj();
        ObjectNode e = o.putObject("error");
        e.put("code", code);
        e.put("message", message);
        e.put("status", status);
        return o;
    }
}
