package io.parley.fakellm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** A response ready to send: either one body, or a list of stream events (each one write + flush). */
final class Rendered {

    final int status;
    final String contentType;
    final byte[] body;
    final List<byte[]> events;
    /** The dialect's in-stream error, given the index the event would have in the stream. */
    final IntFunction<byte[]> streamError;
    final Map<String, String> headers = new LinkedHashMap<>();

    private Rendered(int status, String contentType, byte[] body, List<byte[]> events, IntFunction<byte[]> streamError) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.events = events;
        this.streamError = streamError;
    }

    static Rendered body(int status, String contentType, byte[] body) {
        return new Rendered(status, contentType, body, null, null);
    }

    static Rendered stream(String contentType, List<byte[]> events, IntFunction<byte[]> streamError) {
        return new Rendered(200, contentType, null, List.copyOf(events), streamError);
    }

    boolean streaming() {
        return events != null;
    }

    Rendered header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
