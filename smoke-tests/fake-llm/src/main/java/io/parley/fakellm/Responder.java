package io.parley.fakellm;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes a {@link Rendered} response: delays, gzip, chunked streams, cut-short streams and in-stream errors. */
final class Responder {

    /**
     * Thrown out of the HTTP handler on purpose: the JDK server then closes the socket without writing anything
     * more (in particular not the terminating zero-length chunk), so the client sees an abrupt end.
     */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("fake-llm: connection dropped on purpose", null, false, false);
        }
    }

    /** How long a cut stream stays open after its last event, before the connection is dropped. */
    private static final Duration CUT_GRACE = Duration.ofMillis(100);

    private Responder() {
    }

    static void send(HttpExchange ex, Rendered r, boolean gzip, Duration responseDelay, Duration eventDelay,
                     FakeFault streamFault, Map<String, String> extraHeaders) throws IOException {
        sleep(responseDelay);
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", r.contentType);
        r.headers.forEach(h::set);
        extraHeaders.forEach(h::set);
        if ("HEAD".equalsIgnoreCase(ex.getRequestMethod())) {
            ex.sendResponseHeaders(r.status, -1);
            ex.close();
            return;
        }
        if (gzip) {
            h.set("Content-Encoding", "gzip");
        }
        boolean cut = streamFault != null && streamFault.kind == FakeFault.Kind.CUT_STREAM;
        if (!r.streaming()) {
            byte[] body = gzip ? gzip(r.body) : r.body;
            if (cut) {
                ex.sendResponseHeaders(r.status, body.length);
                OutputStream os = ex.getResponseBody();
                os.write(body, 0, body.length / 2);
                os.flush();
                throw new Abort();
            }
            ex.sendResponseHeaders(r.status, body.length == 0 ? -1 : body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
            return;
        }
        ex.sendResponseHeaders(r.status, 0); // 0 = chunked
        OutputStream raw = ex.getResponseBody();
        OutputStream os = gzip ? new GZIPOutputStream(raw, 512, true) : raw;
        os.flush(); // the status line and headers go out now, before the first event
        int size = r.events.size();
        int cutAt = cut ? streamFault.afterEvents : -1;
        int errorAt = streamFault != null && streamFault.kind == FakeFault.Kind.STREAM_ERROR
                ? Math.min(streamFault.afterEvents, size) : -1;
        for (int i = 0; i <= size; i++) {
            if (i == cutAt) {
                break;
            }
            if (i == errorAt) {
                sleep(eventDelay);
                os.write(r.streamError.apply(i));
                os.flush();
                break;
            }
            if (i == size) {
                break;
            }
            sleep(eventDelay);
            os.write(r.events.get(i));
            os.flush();
        }
        if (cut) {
            os.flush();
            // let the client read what was sent before the socket goes: closing it at once can reset
            // the connection, and a reset may discard bytes the client had received but not yet read
            sleep(CUT_GRACE);
            throw new Abort();
        }
        os.close(); // gzip trailer, then the terminating chunk
    }

    static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(body);
        }
        return bytes.toByteArray();
    }

    static void sleep(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Abort();
        }
    }
}
