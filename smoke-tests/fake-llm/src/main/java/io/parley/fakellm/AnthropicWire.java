package io.parley.fakellm;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages API. */
final class AnthropicWire {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private AnthropicWire() {
    }

    static Rendered messages(Call c) {
        if (!c.streamFlag()) {
            ObjectNode m = message(c);
            ObjectNode block = m.putArray("content").addObject();
            block.put("type", "text");
            block.put("text", c.text);
            m.put("stop_reason", c.finishOr("end_turn"));
            m.putNull("stop_sequence");
            m.set("usage", usage(c.usage, c.usage.output()));
            return Rendered.body(200, JSON, Json.bytes(m));
        }
        List<byte[]> events = new ArrayList<>();
        ObjectNode start = Json.obj();
        start.put("type", "message_start");
        ObjectNode m = message(c);
        m.putArray("content");
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        m.set("usage", usage(c.usage, Math.min(1, c.usage.output())));
        start.set("message", m);
        events.add(Sse.event("message_start", start));

        ObjectNode blockStart = Json.obj();
        blockStart.put("type", "content_block_start");
        blockStart.put("index", 0);
        ObjectNode block = blockStart.putObject("content_block");
        block.put("type", "text");
        block.put("text", "");
        events.add(Sse.event("content_block_start", blockStart));

        events.add(Sse.event("ping", Json.obj().put("type", "ping")));

        for (String piece : c.chunks) {
            ObjectNode delta = Json.obj();
            delta.put("type", "content_block_delta");
            delta.put("index", 0);
            ObjectNode d = delta.putObject("delta");
            d.put("type", "text_delta");
            d.put("text", piece);
            events.add(Sse.event("content_block_delta", delta));
        }

        ObjectNode blockStop = Json.obj();
        blockStop.put("type", "content_block_stop");
        blockStop.put("index", 0);
        events.add(Sse.event("content_block_stop", blockStop));

        ObjectNode messageDelta = Json.obj();
        messageDelta.put("type", "message_delta");
        ObjectNode d = messageDelta.putObject("delta");
        d.put("stop_reason", c.finishOr("end_turn"));
        d.putNull("stop_sequence");
        ObjectNode deltaUsage = messageDelta.putObject("usage");
        if (c.anthropicFullDeltaUsage) {
            deltaUsage.put("input_tokens", c.usage.input());
            deltaUsage.put("cache_creation_input_tokens", c.usage.cacheCreationInput());
            deltaUsage.put("cache_read_input_tokens", c.usage.cachedInput());
        }
        deltaUsage.put("output_tokens", c.usage.output());
        events.add(Sse.event("message_delta", messageDelta));

        events.add(Sse.event("message_stop", Json.obj().put("type", "message_stop")));
        return Rendered.stream(EVENT_STREAM, events, i -> {
            ObjectNode err = Json.obj();
            err.put("type", "error");
            ObjectNode e = err.putObject("error");
            e.put("type", "overloaded_error");
            e.put("message", "Overloaded");
            return Sse.event("error", err);
        });
    }

    static Rendered countTokens(Call c) {
        return Rendered.body(200, JSON, Json.bytes(Json.obj().put("input_tokens", c.usage.input())));
    }

    private static ObjectNode message(Call c) {
        ObjectNode m = Json.obj();
        m.put("id", c.id("msg_"));
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", c.model);
        return m;
    }

    static ObjectNode usage(FakeUsage u, long outputTokens) {
        ObjectNode usage = Json.obj();
        usage.put("input_tokens", u.input());
        usage.put("cache_creation_input_tokens", u.cacheCreationInput());
        usage.put("cache_read_input_tokens", u.cachedInput());
        ObjectNode creation = usage.putObject("cache_creation");
        creation.put("ephemeral_5m_input_tokens", u.cacheCreationInput());
        creation.put("ephemeral_1h_input_tokens", 0);
        usage.put("output_tokens", outputTokens);
        usage.put("service_tier", "standard");
        return usage;
    }

    static String errorBody(String type, String message, String requestId) {
        ObjectNode o = Json.obj();
        o.put("type", "error");
        ObjectNode e = o.putObject("error");
        e.put("type", type);
        e.put("message", message);
        if (requestId != null) {
            o.put("request_id", requestId);
        }
        return Json.str(o);
    }
}
