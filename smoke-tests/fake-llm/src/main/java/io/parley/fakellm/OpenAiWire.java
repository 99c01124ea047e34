package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** OpenAI: chat completions, Responses API, embeddings, model list. */
final class OpenAiWire {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    static final String FINGERPRINT = "fp_fakellm01";

    private OpenAiWire() {
    }

    // ---------------------------------------------------------------- chat completions

    static Rendered chat(Call c) {
        if (!c.streamFlag()) {
            ObjectNode o = Json.obj();
            o.put("id", c.id("chatcmpl-"));
            o.put("object", "chat.completion");
            o.put("created", c.created);
            o.put("model", c.model);
            ObjectNode choice = o.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", c.text);
            message.putNull("refusal");
            message.putArray("annotations");
            choice.putNull("logprobs");
            choice.put("finish_reason", c.finishOr("stop"));
            o.set("usage", chatUsage(c.usage));
            o.put("service_tier", "default");
            o.put("system_fingerprint", FINGERPRINT);
            return Rendered.body(200, JSON, Json.bytes(o));
        }
        boolean includeUsage = c.json.path("stream_options").path("include_usage").asBoolean(false);
        List<byte[]> events = new ArrayList<>();
        ObjectNode first = chunk(c, includeUsage);
        ObjectNode delta = Json.obj();
        delta.put("role", "assistant");
        delta.put("content", "");
        delta.putNull("refusal");
        addChoice(first, delta, null);
        events.add(Sse.data(first));
        for (String piece : c.chunks) {
            ObjectNode ch = chunk(c, includeUsage);
            ObjectNode d = Json.obj();
            d.put("content", piece);
            addChoice(ch, d, null);
            events.add(Sse.data(ch));
        }
        ObjectNode last = chunk(c, includeUsage);
        addChoice(last, Json.obj(), c.finishOr("stop"));
        events.add(Sse.data(last));
        if (includeUsage) {
            ObjectNode usageChunk = chunk(c, false);
            usageChunk.putArray("choices");
            usageChunk.set("usage", chatUsage(c.usage));
            events.add(Sse.data(usageChunk));
        }
        events.add(Sse.data("[DONE]"));
        return Rendered.stream(EVENT_STREAM, events, i -> Sse.data(errorBody("server_error",
                "The server had an error while processing your request. Sorry about that!", null)));
    }

    private static ObjectNode chunk(Call c, boolean nullUsage) {
        ObjectNode o = Json.obj();
        o.put("id", c.id("chatcmpl-"));
        o.put("object", "chat.completion.chunk");
        o.put("created", c.created);
        o.put("model", c.model);
        o.put("service_tier", "default");
        o.put("system_fingerprint", FINGERPRINT);
        if (nullUsage) {
            // with include_usage the API sends "usage": null on every chunk but the last
            o.putNull("usage");
        }
        return o;
    }

    private static void addChoice(ObjectNode chunk, ObjectNode delta, String finishReason) {
        // keep "usage" (if present) after "choices", as the API does
        JsonNode usage = chunk.remove("usage");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (usage != null) {
            chunk.set("usage", usage);
        }
    }

    static ObjectNode chatUsage(FakeUsage u) {
        ObjectNode usage = Json.obj();
        usage.put("prompt_tokens", u.input());
        usage.put("completion_tokens", u.output());
        usage.put("total_tokens", u.input() + u.output());
        ObjectNode prompt = usage.putObject("prompt_tokens_details");
        prompt.put("cached_tokens", u.cachedInput());
        prompt.put("audio_tokens", 0);
        if (u.cacheCreationInput() > 0) {
            prompt.put("cache_write_tokens", u.cacheCreationInput());
        }
        ObjectNode completion = usage.putObject("completion_tokens_details");
        completion.put("reasoning_tokens", u.reasoning());
        completion.put("audio_tokens", 0);
        completion.put("accepted_prediction_tokens", 0);
        completion.put("rejected_prediction_tokens", 0);
        return usage;
    }

    // ---------------------------------------------------------------- responses

    static Rendered responses(Call c) {
        String messageId = c.id("msg_");
        if (!c.streamFlag()) {
            ObjectNode r = response(c, "completed");
            r.putArray("output").add(messageItem(messageId, "completed", c.text));
            r.set("usage", responsesUsage(c.usage));
            return Rendered.body(200, JSON, Json.bytes(r));
        }
        List<byte[]> events = new ArrayList<>();
        int[] seq = {0};
        ObjectNode created = event("response.created", seq);
        created.set("response", response(c, "in_progress"));
        events.add(Sse.event("response.created", created));
        ObjectNode inProgress = event("response.in_progress", seq);
        inProgress.set("response", response(c, "in_progress"));
        events.add(Sse.event("response.in_progress", inProgress));

        ObjectNode itemAdded = event("response.output_item.added", seq);
        itemAdded.put("output_index", 0);
        itemAdded.set("item", messageItem(messageId, "in_progress", null));
        events.add(Sse.event("response.output_item.added", itemAdded));

        ObjectNode partAdded = event("response.content_part.added", seq);
        partAdded.put("item_id", messageId);
        partAdded.put("output_index", 0);
        partAdded.put("content_index", 0);
        partAdded.set("part", outputText(""));
        events.add(Sse.event("response.content_part.added", partAdded));

        for (String piece : c.chunks) {
            ObjectNode delta = event("response.output_text.delta", seq);
            delta.put("item_id", messageId);
            delta.put("output_index", 0);
            delta.put("content_index", 0);
            delta.put("delta", piece);
            delta.putArray("logprobs");
            events.add(Sse.event("response.output_text.delta", delta));
        }
        ObjectNode textDone = event("response.output_text.done", seq);
        textDone.put("item_id", messageId);
        textDone.put("output_index", 0);
        textDone.put("content_index", 0);
        textDone.put("text", c.text);
        textDone.putArray("logprobs");
        events.add(Sse.event("response.output_text.done", textDone));

        ObjectNode partDone = event("response.content_part.done", seq);
        partDone.put("item_id", messageId);
        partDone.put("output_index", 0);
        partDone.put("content_index", 0);
        partDone.set("part", outputText(c.text));
        events.add(Sse.event("response.content_part.done", partDone));

        ObjectNode itemDone = event("response.output_item.done", seq);
        itemDone.put("output_index", 0);
        itemDone.set("item", messageItem(messageId, "completed", c.text));
        events.add(Sse.event("response.output_item.done", itemDone));

        ObjectNode completed = event("response.completed", seq);
        ObjectNode full = response(c, "completed");
        full.putArray("output").add(messageItem(messageId, "completed", c.text));
        full.set("usage", responsesUsage(c.usage));
        completed.set("response", full);
        events.add(Sse.event("response.completed", completed));

        return Rendered.stream(EVENT_STREAM, events, i -> {
            ObjectNode err = Json.obj();
            err.put("type", "error");
            err.put("code", "server_error");
            err.put("message", "The server had an error while processing your request. Sorry about that!");
            err.putNull("param");
            err.put("sequence_number", i);
            return Sse.event("error", err);
        });
    }

    private static ObjectNode event(String type, int[] seq) {
        ObjectNode e = Json.obj();
        e.put("type", type);
        e.put("sequence_number", seq[0]++);
        return e;
    }

    /** The response object up to (not including) output/usage; request parameters are echoed like the API does. */
    private static ObjectNode response(Call c, String status) {
        JsonNode q = c.json;
        ObjectNode r = Json.obj();
        r.put("id", c.id("resp_"));
        r.put("object", "response");
        r.put("created_at", c.created);
        r.put("status", status);
        r.put("background", q.path("background").asBoolean(false));
        r.putNull("error");
        r.putNull("incomplete_details");
        echo(r, q, "instructions");
        echo(r, q, "max_output_tokens");
        echo(r, q, "max_tool_calls");
        r.put("model", c.model);
        r.putArray("output");
        r.put("parallel_tool_calls", q.path("parallel_tool_calls").asBoolean(true));
        echo(r, q, "previous_response_id");
        echo(r, q, "prompt_cache_key");
        if (q.hasNonNull("reasoning")) {
            ObjectNode reasoning = Json.obj();
            JsonNode effort = q.path("reasoning").path("effort");
            JsonNode summary = q.path("reasoning").path("summary");
            reasoning.set("effort", effort.isMissingNode() ? null : effort);
            reasoning.set("summary", summary.isMissingNode() ? null : summary);
            r.set("reasoning", reasoning);
        } else {
            ObjectNode reasoning = r.putObject("reasoning");
            reasoning.putNull("effort");
            reasoning.putNull("summary");
        }
        echo(r, q, "safety_identifier");
        r.put("service_tier", "default");
        r.put("store", q.path("store").asBoolean(true));
        r.put("temperature", q.path("temperature").isNumber() ? q.path("temperature").asDouble() : 1.0);
        if (q.path("text").isObject() && q.path("text").path("format").isObject()) {
            ObjectNode text = q.path("text").deepCopy();
            if (!text.has("verbosity")) {
                text.put("verbosity", "medium");
            }
            r.set("text", text);
        } else {
            ObjectNode text = r.putObject("text");
            text.putObject("format").put("type", "text");
            text.put("verbosity", "medium");
        }
        if (q.has("tool_choice") && !q.path("tool_choice").isNull()) {
            r.set("tool_choice", q.path("tool_choice").deepCopy());
        } else {
            r.put("tool_choice", "auto");
        }
        r.set("tools", q.path("tools").isArray() ? q.path("tools").deepCopy() : Json.arr());
        r.put("top_logprobs", q.path("top_logprobs").asInt(0));
        r.put("top_p", q.path("top_p").isNumber() ? q.path("top_p").asDouble() : 1.0);
        r.put("truncation", q.path("truncation").isTextual() ? q.path("truncation").asText() : "disabled");
        r.putNull("usage");
        echo(r, q, "user");
        r.set("metadata", q.path("metadata").isObject() ? q.path("metadata").deepCopy() : Json.obj());
        return r;
    }

    private static void echo(ObjectNode r, JsonNode q, String field) {
        JsonNode v = q.path(field);
        if (v.isMissingNode() || v.isNull()) {
            r.putNull(field);
        } else {
            r.set(field, v.deepCopy());
        }
    }

    private static ObjectNode messageItem(String id, String status, String text) {
        ObjectNode item = Json.obj();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        item.put("role", "assistant");
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = Json.obj();
        part.put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    static ObjectNode responsesUsage(FakeUsage u) {
        ObjectNode usage = Json.obj();
        usage.put("input_tokens", u.input());
        ObjectNode inputDetails = usage.putObject("input_tokens_details");
        inputDetails.put("cached_tokens", u.cachedInput());
        // required by openai-java 4.x (ResponseUsage.InputTokensDetails.cacheWriteTokens)
        inputDetails.put("cache_write_tokens", u.cacheCreationInput());
        usage.put("output_tokens", u.output());
        usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoning());
        usage.put("total_tokens", u.input() + u.output());
        return usage;
    }

    // ---------------------------------------------------------------- embeddings

    static Rendered embeddings(Call c) {
        int count = inputCount(c.json.path("input"));
        int dims = c.json.path("dimensions").asInt(0) > 0 ? c.json.path("dimensions").asInt() : 8;
        boolean base64 = "base64".equals(c.json.path("encoding_format").asText(""));
        ObjectNode o = Json.obj();
        o.put("object", "list");
        ArrayNode data = o.putArray("data");
        for (int i = 0; i < count; i++) {
            ObjectNode e = data.addObject();
            e.put("object", "embedding");
            e.put("index", i);
            float[] v = vector(i, dims);
            if (base64) {
                ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) {
                    buf.putFloat(f);
                }
                e.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
            } else {
                ArrayNode arr = e.putArray("embedding");
                for (float f : v) {
                    arr.add(f);
                }
            }
        }
        o.put("model", c.model);
        ObjectNode usage = o.putObject("usage");
        usage.put("prompt_tokens", c.usage.input());
        usage.put("total_tokens", c.usage.input());
        return Rendered.body(200, JSON, Json.bytes(o));
    }

    /** How many embeddings an OpenAI-style {@code input} asks for: a string, a token array, or an array of either. */
    static int inputCount(JsonNode input) {
        if (input.isArray()) {
            if (input.isEmpty()) {
                return 0;
            }
            return input.get(0).isNumber() ? 1 : input.size();
        }
        return 1;
    }

    /** A deterministic unit vector for input #index. */
    static float[] vector(int index, int dims) {
        float[] v = new float[dims];
        double norm = 0;
        for (int j = 0; j < dims; j++) {
            v[j] = (float) Math.sin((index + 1) * 0.7 + j * 1.3);
            norm += v[j] * v[j];
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < dims; j++) {
            v[j] = (float) (v[j] / norm);
        }
        return v;
    }

    // ---------------------------------------------------------------- models

    static Rendered models(Iterable<String> ids, long created) {
        ObjectNode o = Json.obj();
        o.put("object", "list");
        ArrayNode data = o.putArray("data");
        for (String id : ids) {
            ObjectNode m = data.addObject();
            m.put("id", id);
            m.put("object", "model");
            m.put("created", created);
            m.put("owned_by", "system");
        }
        return Rendered.body(200, JSON, Json.bytes(o));
    }

    // ---------------------------------------------------------------- errors

    static String errorBody(String type, String message, String code) {
        ObjectNode o = Json.obj();
        ObjectNode e = o.putObject("error");
        e.put("message", message);
        e.put("type", type);
        e.putNull("param");
        if (code == null) {
            e.putNull("code");
        } else {
            e.put("code", code);
        }
        return Json.str(o);
    }
}
