package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The control API under {@code /__fake/}, for a fake running in another process ({@link FakeLlmMain}):
 * <ul>
 *   <li>{@code GET /__fake/health} → {@code {"status":"ok","port":N}}</li>
 *   <li>{@code GET /__fake/requests} → the recorded requests as JSON
 *       ({@code sequence, method, path, query, headers{name:[values]}, body (UTF-8), bodyBase64})</li>
 *   <li>{@code POST /__fake/clear} → forget recorded requests; {@code POST /__fake/reset} → forget everything</li>
 *   <li>{@code POST /__fake/next} with a script → queue it ({@code "times": n} queues n copies). Script fields, all
 *       optional: {@code text, chunks[], usage{input,output,cachedInput,reasoning,cacheCreationInput}, model,
 *       finishReason, eventDelayMs, responseDelayMs, gzip, headers{}, fault}. A fault is
 *       {@code {"type": "rate_limited" (retryAfter) | "server_error" | "overloaded" | "anthropic_overloaded" |
 *       "anthropic_error" (status, errorType, message) | "status" (status, body) | "disconnect" |
 *       "cut_stream" (afterEvents) | "stream_error" (afterEvents), "headers": {}}}</li>
 *   <li>{@code POST /__fake/config} → defaults: {@code text, usage{}, gzip, eventDelayMs, responseDelayMs,
 *       datedModels (true = built-in table), datedModel{requested: responded}, anthropicFullDeltaUsage}</li>
 * </ul>
 * Control requests are not recorded and take no script.
 */
final class Admin {

    static final String PREFIX = "/__fake/";

    private final FakeLlmProvider provider;

    Admin(FakeLlmProvider provider) {
        this.provider = provider;
    }

    void handle(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        String op = path.substring(PREFIX.length());
        boolean post = method.equalsIgnoreCase("POST");
        try {
            if (op.equals("health")) {
                ObjectNode o = Json.obj().put("status", "ok").put("port", provider.port());
                reply(ex, 200, o);
            } else if (op.equals("requests")) {
                reply(ex, 200, requestsJson(provider.requests()));
            } else if (op.equals("clear") && post) {
                provider.clear();
                reply(ex, 200, Json.obj().put("status", "ok"));
            } else if (op.equals("reset") && post) {
                provider.reset();
                reply(ex, 200, Json.obj().put("status", "ok"));
            } else if (op.equals("next") && post) {
                JsonNode j = parse(body);
                int times = Math.max(1, j.path("times").asInt(1));
                for (int i = 0; i < times; i++) {
                    provider.enqueue(script(j));
                }
                reply(ex, 200, Json.obj().put("status", "ok").put("pending", provider.pendingScripts()));
            } else if (op.equals("config") && post) {
                config(parse(body));
                reply(ex, 200, Json.obj().put("status", "ok"));
            } else {
                reply(ex, 404, Json.obj().put("error", "unknown control request " + method + " " + path));
            }
        } catch (IllegalArgumentException e) {
            reply(ex, 400, Json.obj().put("error", String.valueOf(e.getMessage())));
        }
    }

    private static JsonNode parse(byte[] body) {
        JsonNode j = Json.parseOrMissing(body);
        if (!j.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return j;
    }

    static FakeResponse script(JsonNode j) {
        FakeResponse r = new FakeResponse();
        if (j.has("chunks")) {
            String[] chunks = new String[j.path("chunks").size()];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = j.path("chunks").get(i).asText();
            }
            r.chunks(chunks);
        } else if (j.has("text")) {
            r.text(j.path("text").asText());
        }
        if (j.has("usage")) {
            r.usage(usage(j.path("usage")));
        }
        if (j.hasNonNull("model")) {
            r.model(j.path("model").asText());
        }
        if (j.hasNonNull("finishReason")) {
            r.finishReason(j.path("finishReason").asText());
        }
        if (j.has("eventDelayMs")) {
            r.eventDelay(Duration.ofMillis(j.path("eventDelayMs").asLong()));
        }
        if (j.has("responseDelayMs")) {
            r.responseDelay(Duration.ofMillis(j.path("responseDelayMs").asLong()));
        }
        if (j.has("gzip")) {
            r.gzip(j.path("gzip").asBoolean());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = j.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            r.header(e.getKey(), e.getValue().asText());
        }
        if (j.path("fault").isObject()) {
            r.fault(fault(j.path("fault")));
        }
        return r;
    }

    static FakeFault fault(JsonNode f) {
        String type = f.path("type").asText("");
        FakeFault fault;
        switch (type) {
            case "rate_limited": fault = FakeFault.rateLimited(f.path("retryAfter").asInt(1)); break;
            case "server_error": fault = FakeFault.serverError(); break;
            case "overloaded": fault = FakeFault.overloaded(); break;
            case "anthropic_overloaded": fault = FakeFault.anthropicOverloaded(); break;
            case "anthropic_error":
                fault = FakeFault.anthropicError(f.path("status").asInt(500), f.path("errorType").asText("api_error"),
                        f.path("message").asText("Internal server error"));
                break;
            case "status":
                fault = FakeFault.status(f.path("status").asInt(500), f.path("body").isTextual()
                        ? f.path("body").asText() : Json.str(f.path("body")));
                break;
            case "disconnect": fault = FakeFault.disconnect(); break;
            case "cut_stream": fault = FakeFault.cutStreamAfter(f.path("afterEvents").asInt(3)); break;
            case "stream_error": fault = FakeFault.streamError(f.path("afterEvents").asInt(4)); break;
            default: throw new IllegalArgumentException("unknown fault type '" + type + "'");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = f.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fault = fault.withHeader(e.getKey(), e.getValue().asText());
        }
        return fault;
    }

    private void config(JsonNode j) {
        if (j.has("text")) {
            provider.reply(j.path("text").asText());
        }
        if (j.has("usage")) {
            provider.usage(usage(j.path("usage")));
        }
        if (j.has("gzip")) {
            provider.gzip(j.path("gzip").asBoolean());
        }
        if (j.has("eventDelayMs")) {
            provider.eventDelay(Duration.ofMillis(j.path("eventDelayMs").asLong()));
        }
        if (j.has("responseDelayMs")) {
            provider.responseDelay(Duration.ofMillis(j.path("responseDelayMs").asLong()));
        }
        if (j.path("datedModels").asBoolean(false)) {
            provider.datedModels();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = j.path("datedModel").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            provider.datedModel(e.getKey(), e.getValue().asText());
        }
        if (j.has("anthropicFullDeltaUsage")) {
            provider.anthropicFullDeltaUsage(j.path("anthropicFullDeltaUsage").asBoolean());
        }
    }

    static FakeUsage usage(JsonNode u) {
        return new FakeUsage(u.path("input").asLong(0), u.path("output").asLong(0), u.path("cachedInput").asLong(0),
                u.path("reasoning").asLong(0), u.path("cacheCreationInput").asLong(0));
    }

    static ArrayNode requestsJson(List<RecordedRequest> requests) {
        ArrayNode a = Json.arr();
        for (RecordedRequest r : requests) {
            ObjectNode o = a.addObject();
            o.put("sequence", r.sequence());
            o.put("receivedAt", r.receivedAt().toString());
            o.put("method", r.method());
            o.put("path", r.path());
            o.put("query", r.query());
            ObjectNode h = o.putObject("headers");
            r.headers().forEach((k, v) -> {
                ArrayNode values = h.putArray(k);
                v.forEach(values::add);
            });
            o.put("body", r.bodyText());
            o.put("bodyBase64", Base64.getEncoder().encodeToString(r.body()));
        }
        return a;
    }

    private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.bytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
