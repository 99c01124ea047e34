package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Ollama native API: /api/chat, /api/generate (NDJSON streams by default), embeddings, tags, version. */
final class OllamaWire {

    static final String JSON = "application/json; charset=utf-8";
    static final String NDJSON = "application/x-ndjson";
    static final long LOAD_NS = 1_000_000L;
    static final long PROMPT_EVAL_NS = 20_000_000L;
    static final long EVAL_NS = 100_000_000L;
    static final long TOTAL_NS = 125_000_000L;

    private OllamaWire() {
    }

    /** Ollama streams unless the body says {@code "stream": false}. */
    static boolean streaming(Call c) {
        return c.json.path("stream").asBoolean(true);
    }

    static Rendered chat(Call c) {
        return answer(c, true);
    }

    static Rendered generate(Call c) {
        return answer(c, false);
    }

    private static Rendered answer(Call c, boolean chat) {
        if (!streaming(c)) {
            ObjectNode o = head(c);
            put(o, chat, c.text);
            finish(c, o, chat);
            return Rendered.body(200, JSON, Json.bytes(o));
        }
        List<byte[]> lines = new ArrayList<>();
        for (String piece : c.chunks) {
            ObjectNode o = head(c);
            put(o, chat, piece);
            o.put("done", false);
            lines.add(Sse.line(o));
        }
        ObjectNode last = head(c);
        put(last, chat, "");
        finish(c, last, chat);
        lines.add(Sse.line(last));
        return Rendered.stream(NDJSON, lines, i -> Sse.line(
                Json.obj().put("error", "an error was encountered while running the model: unexpected EOF")));
    }

    private static ObjectNode head(Call c) {
        ObjectNode o = Json.obj();
        o.put("model", c.model);
        o.put("created_at", Instant.now().toString());
        return o;
    }

    private static void put(ObjectNode o, boolean chat, String text) {
        if (chat) {
            ObjectNode m = o.putObject("message");
            m.put("role", "assistant");
            m.put("content", text);
        } else {
            o.put("response", text);
        }
    }

    private static void finish(Call c, ObjectNode o, boolean chat) {
        if (chat) {
            o.put("done_reason", c.finishOr("stop"));
            o.put("done", true);
        } else {
            o.put("done", true);
            o.put("done_reason", c.finishOr("stop"));
            ArrayNode context = o.putArray("context");
            context.add(1).add(2).add(3);
        }
        o.put("total_duration", TOTAL_NS);
        o.put("load_duration", LOAD_NS);
        o.put("prompt_eval_count", c.usage.input());
        o.put("prompt_eval_duration", PROMPT_EVAL_NS);
        o.put("eval_count", c.usage.output());
        o.put("eval_duration", EVAL_NS);
    }

    static Rendered embed(Call c) {
        JsonNode input = c.json.path("input");
        int count = input.isArray() ? input.size() : 1;
        ObjectNode o = Json.obj();
        o.put("model", c.model);
        ArrayNode embeddings = o.putArray("embeddings");
        for (int i = 0; i < count; i++) {
            ArrayNode v = embeddings.addArray();
            for (float f : OpenAiWire.vector(i, 8)) {
                v.add(f);
            }
        }
        o.put("total_duration", TOTAL_NS);
        o.put("load_duration", LOAD_NS);
        o.put("prompt_eval_count", c.usage.input());
        return Rendered.body(200, JSON, Json.bytes(o));
    }

    static Rendered embeddings(Call c) {
        ObjectNode o = Json.obj();
        ArrayNode v = o.putArray("embedding");
        for (float f : OpenAiWire.vector(0, 8)) {
            v.add(f);
        }
        return Rendered.body(200, JSON, Json.bytes(o));
    }

    static Rendered tags(Iterable<String> models) {
        ObjectNode o = Json.obj();
        ArrayNode list = o.putArray("models");
        for (String name : models) {
            String full = name.contains(":") ? name : name + ":latest";
            ObjectNode m = list.addObject();
            m.put("name", full);
            m.put("model", full);
            m.put("modified_at", "2025-01-01T00:00:00Z");
            m.put("size", 2019393189L);
            m.put("digest", "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72");
            ObjectNode d = m.putObject("details");
            d.put("parent_model", "");
            d.put("format", "gguf");
            d.put("family", "llama");
            d.putArray("families").add("llama");
            d.put("parameter_size", "3.2B");
            d.put("quantization_level", "Q4_K_M");
        }
        return Rendered.body(200, JSON, Json.bytes(o));
    }

    static Rendered version() {
        return Rendered.body(200, JSON, Json.bytes(Json.obj().put("version", "0.9.0")));
    }

    static Rendered root() {
        return Rendered.body(200, "text/plain; charset=utf-8", "Ollama is running".getBytes(StandardCharsets.UTF_8));
    }

    static String errorBody(String message) {
        return Json.str(Json.obj().put("error", message));
    }
}
