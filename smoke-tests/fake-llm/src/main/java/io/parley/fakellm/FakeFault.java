package io.parley.fakellm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure to inject into one response (see {@link FakeLlmProvider#failNext(FakeFault)} and
 * {@link FakeResponse#fault(FakeFault)}). Immutable.
 *
 * <p>Unless a factory says otherwise, error bodies take the shape of the API that was called ("dialect"):
 * OpenAI {@code {"error":{"message","type","param","code"}}}, Anthropic
 * {@code {"type":"error","error":{"type","message"},"request_id"}}, Gemini {@code {"error":{"code","message","status"}}},
 * Ollama {@code {"error":"..."}}.
 */
public final class FakeFault {

    enum Kind { RATE_LIMITED, SERVER_ERROR, OVERLOADED, ANTHROPIC_ERROR, RAW_STATUS, DISCONNECT, CUT_STREAM, STREAM_ERROR }

    final Kind kind;
    final int status;
    final int retryAfterSeconds;
    final String errorType;
    final String message;
    final String rawBody;
    final int afterEvents;
    final Map<String, String> headers;

    private FakeFault(Kind kind, int status, int retryAfterSeconds, String errorType, String message, String rawBody,
                      int afterEvents, Map<String, String> headers) {
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.errorType = errorType;
        this.message = message;
        this.rawBody = rawBody;
        this.afterEvents = afterEvents;
        this.headers = Map.copyOf(headers);
    }

    private static FakeFault of(Kind kind, int status) {
        return new FakeFault(kind, status, -1, null, null, null, -1, Map.of());
    }

    /**
     * HTTP 429 with {@code retry-after: 1}. OpenAI endpoints get OpenAI's real shape
     * ({@code "type":"requests","code":"rate_limit_exceeded"}) plus {@code x-ratelimit-*} headers; Anthropic gets
     * {@code rate_limit_error}; Gemini {@code RESOURCE_EXHAUSTED}; Ollama a plain error.
     */
    public static FakeFault rateLimited() {
        return rateLimited(1);
    }

    /** As {@link #rateLimited()} with the given {@code retry-after} seconds (0 is allowed and makes SDK retries fast). */
    public static FakeFault rateLimited(int retryAfterSeconds) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds < 0");
        }
        return new FakeFault(Kind.RATE_LIMITED, 429, retryAfterSeconds, null, null, null, -1, Map.of());
    }

    /**
     * HTTP 500: OpenAI {@code server_error}, Anthropic {@code api_error}, Gemini {@code INTERNAL}, Ollama plain error.
     */
    public static FakeFault serverError() {
        return of(Kind.SERVER_ERROR, 500);
    }

    /**
     * "Overloaded": Anthropic endpoints get HTTP 529 {@code overloaded_error}; OpenAI, Gemini and Ollama endpoints
     * get their own HTTP 503.
     */
    public static FakeFault overloaded() {
        return of(Kind.OVERLOADED, 503);
    }

    /**
     * Anthropic's {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}} with
     * HTTP 529, whichever endpoint was called.
     */
    public static FakeFault anthropicOverloaded() {
        return anthropicError(529, "overloaded_error", "Overloaded");
    }

    /** An Anthropic-shaped error body with any status and error type (e.g. 500 {@code api_error}). */
    public static FakeFault anthropicError(int status, String errorType, String message) {
        return new FakeFault(Kind.ANTHROPIC_ERROR, checkStatus(status), -1, Objects.requireNonNull(errorType),
                Objects.requireNonNull(message), null, -1, Map.of());
    }

    /** Any status with this exact body (sent as {@code application/json}). */
    public static FakeFault status(int status, String body) {
        return new FakeFault(Kind.RAW_STATUS, checkStatus(status), -1, null, null, Objects.requireNonNull(body), -1,
                Map.of());
    }

    /** Close the connection without sending any response (the client sees no status line at all). */
    public static FakeFault disconnect() {
        return of(Kind.DISCONNECT, 0);
    }

    /**
     * Answer 200 and start streaming normally, but after {@code events} events (SSE events, NDJSON lines or Gemini
     * array elements) drop the connection abruptly: no terminating chunk, no final events, no {@code [DONE]}.
     * If the stream has no more than {@code events} events the connection is still dropped before its clean end.
     * On a non-streaming call the body is truncated to half its declared Content-Length instead.
     */
    public static FakeFault cutStreamAfter(int events) {
        if (events < 0) {
            throw new IllegalArgumentException("events < 0");
        }
        return new FakeFault(Kind.CUT_STREAM, 200, -1, null, null, null, events, Map.of());
    }

    /** {@link #streamError(int)} after 4 events (for Anthropic: message_start, content_block_start, ping, one delta). */
    public static FakeFault streamError() {
        return streamError(4);
    }

    /**
     * Answer 200, stream {@code afterEvents} events, then send the API's in-stream error and end the stream cleanly:
     * Anthropic {@code event: error} + {@code {"type":"error","error":{"type":"overloaded_error",...}}}; OpenAI chat
     * {@code data: {"error":{...}}}; Responses {@code event: error} ({@code {"type":"error","code":"server_error",...}});
     * Gemini {@code data: {"error":{...}}}; Ollama {@code {"error":"..."}}. On a non-streaming call this is a
     * {@link #serverError()}.
     */
    public static FakeFault streamError(int afterEvents) {
        if (afterEvents < 0) {
            throw new IllegalArgumentException("afterEvents < 0");
        }
        return new FakeFault(Kind.STREAM_ERROR, 200, -1, null, null, null, afterEvents, Map.of());
    }

    /** A copy that also sends this response header (e.g. {@code x-should-retry: false}). */
    public FakeFault withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new FakeFault(kind, status, retryAfterSeconds, errorType, message, rawBody, afterEvents, h);
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("bad HTTP status " + status);
        }
        return status;
    }

    @Override
    public String toString() {
        return "FakeFault{" + kind + (status > 0 ? " " + status : "") + (afterEvents >= 0 ? " after " + afterEvents : "")
                + "}";
    }
}
