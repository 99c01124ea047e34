package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * One request the fake received, exactly as it arrived. Header names are lower-cased; lookups ignore case.
 * The body is the raw bytes (still compressed if the client sent {@code Content-Encoding: gzip});
 * {@link #bodyText()} and {@link #json()} decode it.
 */
public final class RecordedRequest {

    private final long sequence;
    private final Instant receivedAt;
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    RecordedRequest(long sequence, Instant receivedAt, String method, String path, String query,
                    Map<String, List<String>> headers, byte[] body) {
        this.sequence = sequence;
        this.receivedAt = receivedAt;
        this.method = method;
        this.path = path;
        this.query = query == null ? "" : query;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body.clone();
    }

    /** 1 for the first request this provider received (admin requests are not counted). */
    public long sequence() {
        return sequence;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String method() {
        return method;
    }

    /** The raw (still percent-encoded) path, e.g. {@code /v1beta/models/gemini-2.0-flash:streamGenerateContent}. */
    public String path() {
        return path;
    }

    /** The raw query string without '?', or "" when there was none. */
    public String query() {
        return query;
    }

    /** All headers; names lower-cased, lookups case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** First value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean hasHeader(String name) {
        return headers.containsKey(name);
    }

    /** The body bytes as received. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8, gunzipped first if the request said {@code Content-Encoding: gzip}. */
    public String bodyText() {
        return new String(decodedBody(), StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON, or a {@link MissingNode} when it is empty or not JSON. */
    public JsonNode json() {
        return Json.parseOrMissing(decodedBody());
    }

    byte[] decodedBody() {
        String encoding = header("content-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip") && body.length > 0) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("request body is not valid gzip", e);
            }
        }
        return body;
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + " (" + body.length + " bytes)";
    }
}
