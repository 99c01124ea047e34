package io.parley.fakellm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The script for one response. Anything left unset falls back to the provider's defaults
 * ({@link FakeLlmProvider#reply(String)}, {@link FakeLlmProvider#usage(FakeUsage)}, ...). Fluent and mutable;
 * configure it before the request it answers is sent.
 *
 * <pre>{@code
 * provider.next().text("Bonjour").usage(120, 30, 100, 0).model("gpt-4o-mini-2024-07-18");
 * provider.next().fault(FakeFault.rateLimited(0));
 * }</pre>
 */
public final class FakeResponse {

    private volatile String text;
    private volatile List<String> chunks;
    private volatile FakeUsage usage;
    private volatile String model;
    private volatile String finishReason;
    private volatile FakeFault fault;
    private volatile Duration eventDelay;
    private volatile Duration responseDelay;
    private volatile Boolean gzip;
    private final Map<String, String> headers = Collections.synchronizedMap(new LinkedHashMap<>());

    public FakeResponse() {
    }

    /** A script that only injects this fault. */
    public static FakeResponse failing(FakeFault fault) {
        return new FakeResponse().fault(fault);
    }

    /** The assistant text. Streams split it into word-sized deltas (" the", " fake", ...). */
    public FakeResponse text(String text) {
        this.text = Objects.requireNonNull(text);
        this.chunks = null;
        return this;
    }

    /** The assistant text as exactly these stream deltas (the full text is their concatenation). */
    public FakeResponse chunks(String... chunks) {
        List<String> list = new ArrayList<>();
        for (String c : chunks) {
            list.add(Objects.requireNonNull(c));
        }
        this.chunks = List.copyOf(list);
        this.text = String.join("", list);
        return this;
    }

    public FakeResponse usage(FakeUsage usage) {
        this.usage = Objects.requireNonNull(usage);
        return this;
    }

    public FakeResponse usage(long input, long output) {
        return usage(FakeUsage.of(input, output));
    }

    public FakeResponse usage(long input, long output, long cachedInput, long reasoning) {
        return usage(FakeUsage.of(input, output, cachedInput, reasoning));
    }

    /** The model name to put in the response, verbatim (overrides echo and dated-model mapping). */
    public FakeResponse model(String model) {
        this.model = Objects.requireNonNull(model);
        return this;
    }

    /**
     * The finish/stop reason, verbatim in the API's field: OpenAI chat {@code finish_reason} (default "stop"),
     * Anthropic {@code stop_reason} ("end_turn"), Gemini {@code finishReason} ("STOP"), Ollama {@code done_reason}
     * ("stop"). Not used by the Responses API.
     */
    public FakeResponse finishReason(String finishReason) {
        this.finishReason = Objects.requireNonNull(finishReason);
        return this;
    }

    public FakeResponse fault(FakeFault fault) {
        this.fault = Objects.requireNonNull(fault);
        return this;
    }

    /** Sleep before each stream event (the first included, after the headers went out). */
    public FakeResponse eventDelay(Duration delay) {
        this.eventDelay = Objects.requireNonNull(delay);
        return this;
    }

    /** Sleep before sending the status line and headers. */
    public FakeResponse responseDelay(Duration delay) {
        this.responseDelay = Objects.requireNonNull(delay);
        return this;
    }

    /** Override the provider's gzip setting for this response (still only if the request accepts gzip). */
    public FakeResponse gzip(boolean gzip) {
        this.gzip = gzip;
        return this;
    }

    /** An extra response header. */
    public FakeResponse header(String name, String value) {
        headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    String text() {
        return text;
    }

    List<String> chunks() {
        return chunks;
    }

    FakeUsage usage() {
        return usage;
    }

    String model() {
        return model;
    }

    String finishReason() {
        return finishReason;
    }

    FakeFault fault() {
        return fault;
    }

    Duration eventDelay() {
        return eventDelay;
    }

    Duration responseDelay() {
        return responseDelay;
    }

    Boolean gzip() {
        return gzip;
    }

    Map<String, String> headers() {
        synchronized (headers) {
            return Map.copyOf(headers);
        }
    }
}
