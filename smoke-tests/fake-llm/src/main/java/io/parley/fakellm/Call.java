package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Everything a renderer needs for one LLM call: the request and the effective (script + defaults) answer. */
final class Call {

    final Route route;
    final RecordedRequest request;
    final JsonNode json;
    final String requestedModel;
    final String model;
    final String text;
    final List<String> chunks;
    final FakeUsage usage;
    final String finishReason;
    final long number;
    final long created;
    final boolean anthropicFullDeltaUsage;

    Call(Route route, RecordedRequest request, JsonNode json, String requestedModel, String model, String text,
         List<String> chunks, FakeUsage usage, String finishReason, long number, boolean anthropicFullDeltaUsage) {
        this.route = route;
        this.request = request;
        this.json = json;
        this.requestedModel = requestedModel;
        this.model = model;
        this.text = text;
        this.chunks = chunks;
        this.usage = usage;
        this.finishReason = finishReason;
        this.number = number;
        this.created = request.receivedAt().getEpochSecond();
        this.anthropicFullDeltaUsage = anthropicFullDeltaUsage;
    }

    /** A deterministic id: prefix + zero-padded call number, e.g. {@code chatcmpl-fake000000000001}. */
    String id(String prefix) {
        return prefix + String.format("fake%012d", number);
    }

    String finishOr(String dflt) {
        return finishReason != null ? finishReason : dflt;
    }

    /** Whether the JSON body asks for streaming ({@code "stream": true}). */
    boolean streamFlag() {
        return json.path("stream").asBoolean(false);
    }

    /** Splits text into word-sized deltas that keep their leading whitespace: "Hello", " from", " the". */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
