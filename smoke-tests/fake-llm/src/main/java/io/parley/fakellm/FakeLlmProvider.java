package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A fake LLM provider on 127.0.0.1 that speaks the real wire formats of OpenAI (chat completions, Responses,
 * embeddings), Anthropic (Messages), Gemini (generateContent / streamGenerateContent) and Ollama (/api/chat,
 * /api/generate), streaming and not, with scriptable text, token usage, model names and faults. Every request is
 * recorded.
 *
 * <pre>{@code
 * try (FakeLlmProvider llm = FakeLlmProvider.started()) {
 *     llm.usage(120, 30, 100, 0).datedModels();
 *     OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(llm.openAiBaseUrl()).apiKey("k").build();
 *     ... // call it
 *     assertNull(llm.lastRequest().header("baggage"));
 * }
 * }</pre>
 *
 * <p>Each LLM call takes the next queued {@link FakeResponse} ({@link #next()}, {@link #enqueue}, {@link #failNext}),
 * else what {@link #respondWith} returns, else the defaults. Thread-safe; calls may run concurrently.
 * Binds only the loopback address; never touches any other network.
 *
 * <p>Endpoints (POST unless noted): any path ending in {@code /chat/completions}, {@code /responses},
 * {@code /embeddings}; {@code GET .../models}; {@code .../messages} and {@code .../messages/count_tokens};
 * {@code .../models/{model}:generateContent | :streamGenerateContent[?alt=sse] | :embedContent | :batchEmbedContents
 * | :countTokens}; {@code /api/chat}, {@code /api/generate}, {@code /api/embed}, {@code /api/embeddings},
 * {@code GET /api/tags}, {@code GET /api/version}, {@code GET /}. Anything else: 404 in OpenAI's shape.
 * {@code /__fake/...} is the control API for standalone use (see {@link FakeLlmMain}).
 */
public final class FakeLlmProvider implements AutoCloseable {

    /** The default assistant text: streams send it as 5 deltas "Hello", " from", " the", " fake", " LLM.". */
    public static final String DEFAULT_TEXT = "Hello from the fake LLM.";

    /** The request→response model names {@link #datedModels()} installs. */
    public static final Map<String, String> BUILT_IN_DATED_MODELS = builtInDatedModels();

    private final int requestedPort;
    private HttpServer server;
    private ExecutorService executor;
    private volatile int port = -1;

    private final ConcurrentLinkedDeque<FakeResponse> script = new ConcurrentLinkedDeque<>();
    private volatile Function<RecordedRequest, FakeResponse> responder;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final Map<String, String> datedModels = new ConcurrentHashMap<>();

    private volatile String defaultText = DEFAULT_TEXT;
    private volatile FakeUsage defaultUsage = FakeUsage.DEFAULT;
    private volatile boolean gzip;
    private volatile Duration eventDelay = Duration.ZERO;
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile boolean anthropicFullDeltaUsage;

    private final Admin admin = new Admin(this);

    /** A provider on a random free port (not started). */
    public FakeLlmProvider() {
        this(0);
    }

    /** A provider on this port, 0 for a random free one (not started). */
    public FakeLlmProvider(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
        this.requestedPort = port;
    }

    /** A started provider on a random free port. */
    public static FakeLlmProvider started() {
        return new FakeLlmProvider().start();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /** Binds 127.0.0.1 and starts serving. */
    public synchronized FakeLlmProvider start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + requestedPort, e);
        }
        executor = Executors.newCachedThreadPool(new DaemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** The bound port. */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    /** {@code http://127.0.0.1:<port>}: the base URL for Anthropic, Gemini and Ollama clients, and for Spring AI OpenAI. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:<port>/v1}: the base URL for openai-java and LangChain4j OpenAI clients. */
    public String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** Stops at once, dropping any open connections. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    // ------------------------------------------------------------------------------------------------ defaults

    /** Default assistant text. */
    public FakeLlmProvider reply(String text) {
        this.defaultText = Objects.requireNonNull(text);
        return this;
    }

    /** Default token usage (see {@link FakeUsage} for where each number goes). */
    public FakeLlmProvider usage(FakeUsage usage) {
        this.defaultUsage = Objects.requireNonNull(usage);
        return this;
    }

    public FakeLlmProvider usage(long input, long output) {
        return usage(FakeUsage.of(input, output));
    }

    public FakeLlmProvider usage(long input, long output, long cachedInput, long reasoning) {
        return usage(FakeUsage.of(input, output, cachedInput, reasoning));
    }

    /** Answer requests for model {@code requested} with model name {@code responded} (e.g. a dated snapshot). */
    public FakeLlmProvider datedModel(String requested, String responded) {
        datedModels.put(Objects.requireNonNull(requested), Objects.requireNonNull(responded));
        return this;
    }

    /** Install {@link #BUILT_IN_DATED_MODELS} (gpt-4o-mini → gpt-4o-mini-2024-07-18, ...). */
    public FakeLlmProvider datedModels() {
        datedModels.putAll(BUILT_IN_DATED_MODELS);
        return this;
    }

    /** Gzip responses (Content-Encoding: gzip) for requests that send {@code Accept-Encoding: gzip}. Off by default. */
    public FakeLlmProvider gzip(boolean enabled) {
        this.gzip = enabled;
        return this;
    }

    /** Default sleep before each stream event (first included). Zero by default. */
    public FakeLlmProvider eventDelay(Duration delay) {
        this.eventDelay = Objects.requireNonNull(delay);
        return this;
    }

    /** Default sleep before the status line and headers. Zero by default. */
    public FakeLlmProvider responseDelay(Duration delay) {
        this.responseDelay = Objects.requireNonNull(delay);
        return this;
    }

    /**
     * Anthropic streams: whether {@code message_delta.usage} repeats input_tokens and the cache counts next to the
     * cumulative output_tokens (as newer API versions do). Off by default: {@code {"output_tokens": N}} only, as in
     * Anthropic's streaming documentation.
     */
    public FakeLlmProvider anthropicFullDeltaUsage(boolean enabled) {
        this.anthropicFullDeltaUsage = enabled;
        return this;
    }

    // ------------------------------------------------------------------------------------------------ scripting

    /** Queues a new script for the next unanswered LLM call and returns it for configuring. */
    public FakeResponse next() {
        FakeResponse r = new FakeResponse();
        script.addLast(r);
        return r;
    }

    /** Queues scripts, answered in order, one per LLM call. */
    public FakeLlmProvider enqueue(FakeResponse... responses) {
        for (FakeResponse r : responses) {
            script.addLast(Objects.requireNonNull(r));
        }
        return this;
    }

    /** The next LLM call fails with this fault. */
    public FakeLlmProvider failNext(FakeFault fault) {
        return failNext(1, fault);
    }

    /** The next {@code times} LLM calls fail with this fault (e.g. to exhaust an SDK's retries). */
    public FakeLlmProvider failNext(int times, FakeFault fault) {
        Objects.requireNonNull(fault);
        for (int i = 0; i < times; i++) {
            script.addLast(FakeResponse.failing(fault));
        }
        return this;
    }

    /**
     * Computes the script for calls that find the queue empty (return null for the defaults). Runs on server
     * threads, possibly concurrently.
     */
    public FakeLlmProvider respondWith(Function<RecordedRequest, FakeResponse> responder) {
        this.responder = responder;
        return this;
    }

    /** Queued scripts not yet used. */
    public int pendingScripts() {
        return script.size();
    }

    // ------------------------------------------------------------------------------------------------ recording

    /** Every request received so far (control requests under /__fake/ excluded), oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The most recent request; throws if there was none. */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("no request received");
        }
        return all.get(all.size() - 1);
    }

    public int requestCount() {
        return requests.size();
    }

    /** Waits until at least {@code count} requests arrived; returns them, or throws AssertionError on timeout. */
    public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " requests within " + timeout + ", got "
                        + requests.size() + ": " + requests);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return requests();
    }

    /** Forgets the recorded requests (scripts and settings are kept). */
    public FakeLlmProvider clear() {
        requests.clear();
        return this;
    }

    /** Forgets requests, queued scripts, the responder, and restores every default. */
    public FakeLlmProvider reset() {
        requests.clear();
        script.clear();
        responder = null;
        datedModels.clear();
        defaultText = DEFAULT_TEXT;
        defaultUsage = FakeUsage.DEFAULT;
        gzip = false;
        eventDelay = Duration.ZERO;
        responseDelay = Duration.ZERO;
        anthropicFullDeltaUsage = false;
        return this;
    }

    // ------------------------------------------------------------------------------------------------ serving

    private void handle(HttpExchange ex) throws IOException {
        try {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            if (path.startsWith(Admin.PREFIX)) {
                admin.handle(ex, method, path, body);
                return;
            }
            RecordedRequest request = new RecordedRequest(sequence.incrementAndGet(), Instant.now(), method, path,
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
            requests.add(request);
            serve(ex, request);
        } catch (Responder.Abort abort) {
            throw abort; // the JDK server closes the socket: no clean end for the client
        } catch (RuntimeException e) {
            if (ex.getResponseCode() != -1) {
                throw e; // mid-response: drop the connection rather than fake a clean end
            }
            // a bug in the fake itself: make it visible to the test instead of a bare disconnect
            e.printStackTrace();
            byte[] msg = ("fake-llm internal error: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(500, msg.length);
            try (java.io.OutputStream os = ex.getResponseBody()) {
                os.write(msg);
            }
        }
    }

    private void serve(HttpExchange ex, RecordedRequest request) throws IOException {
        Route route = Route.of(request.method(), request.path());
        boolean acceptsGzip = acceptsGzip(request);
        if (route == null) {
            Responder.send(ex, Errors.notFound(request.method(), request.path()), gzip && acceptsGzip,
                    Duration.ZERO, Duration.ZERO, null, Map.of());
            return;
        }
        if (!route.scripted) {
            Rendered r;
            switch (route) {
                case OPENAI_MODELS: r = OpenAiWire.models(knownModels(), 1_700_000_000L); break;
                case OLLAMA_TAGS: r = OllamaWire.tags(List.of("llama3.2")); break;
                case OLLAMA_VERSION: r = OllamaWire.version(); break;
                default: r = OllamaWire.root();
            }
            Responder.send(ex, r, gzip && acceptsGzip, Duration.ZERO, Duration.ZERO, null, Map.of());
            return;
        }

        FakeResponse s = script.pollFirst();
        if (s == null) {
            Function<RecordedRequest, FakeResponse> fn = responder;
            s = fn == null ? null : fn.apply(request);
        }
        if (s == null) {
            s = new FakeResponse();
        }
        long number = calls.incrementAndGet();
        String requestId = "req_" + String.format("fake%012d", number);
        Map<String, String> headers = new LinkedHashMap<>();
        if (route.dialect == Dialect.OPENAI) {
            headers.put("x-request-id", requestId);
            headers.put("openai-processing-ms", "1");
        } else if (route.dialect == Dialect.ANTHROPIC) {
            headers.put("request-id", requestId);
        } else if (route.dialect == Dialect.BEDROCK) {
            headers.put("x-amzn-RequestId", requestId);
        }
        FakeFault fault = s.fault();
        if (fault != null) {
            headers.putAll(fault.headers);
        }
        headers.putAll(s.headers());
        boolean useGzip = (s.gzip() != null ? s.gzip() : gzip) && acceptsGzip;
        Duration respDelay = s.responseDelay() != null ? s.responseDelay() : responseDelay;
        Duration evDelay = s.eventDelay() != null ? s.eventDelay() : eventDelay;

        JsonNode json = request.json();
        String requested = requestedModel(route, request, json);
        String model = s.model() != null ? s.model() : datedModels.getOrDefault(requested, requested);

        if (fault != null && fault.kind == FakeFault.Kind.DISCONNECT) {
            Responder.sleep(respDelay);
            throw new Responder.Abort();
        }
        boolean streamFault = fault != null
                && (fault.kind == FakeFault.Kind.CUT_STREAM || fault.kind == FakeFault.Kind.STREAM_ERROR);
        if (fault != null && !streamFault) {
            Responder.send(ex, Errors.forFault(fault, route.dialect, model, requestId), useGzip, respDelay,
                    Duration.ZERO, null, headers);
            return;
        }
        if (!json.isObject()) {
            Responder.send(ex, Errors.badRequest(route.dialect, requestId), useGzip, respDelay, Duration.ZERO, null,
                    headers);
            return;
        }
        String text = s.text() != null ? s.text() : defaultText;
        List<String> chunks = s.chunks() != null ? s.chunks() : Call.words(text);
        FakeUsage usage = s.usage() != null ? s.usage() : defaultUsage;
        Call call = new Call(route, request, json, requested, model, text, chunks, usage, s.finishReason(), number,
                anthropicFullDeltaUsage);
        Rendered r = render(call);
        if (fault != null && fault.kind == FakeFault.Kind.STREAM_ERROR && !r.streaming()) {
            r = Errors.serverError(route.dialect, requestId);
            fault = null;
        }
        Responder.send(ex, r, useGzip, respDelay, evDelay, fault, headers);
    }

    private static Rendered render(Call c) {
        switch (c.route) {
            case OPENAI_CHAT: return OpenAiWire.chat(c);
            case OPENAI_RESPONSES: return OpenAiWire.responses(c);
            case OPENAI_EMBEDDINGS: return OpenAiWire.embeddings(c);
            case ANTHROPIC_MESSAGES: return AnthropicWire.messages(c);
            case ANTHROPIC_COUNT_TOKENS: return AnthropicWire.countTokens(c);
            case GEMINI_GENERATE: return GeminiWire.generate(c);
            case GEMINI_STREAM: return GeminiWire.stream(c, isSse(c.request.query()));
            case GEMINI_EMBED: return GeminiWire.embed(c);
            case GEMINI_BATCH_EMBED: return GeminiWire.batchEmbed(c);
            case GEMINI_COUNT_TOKENS: return GeminiWire.countTokens(c);
            case OLLAMA_CHAT: return OllamaWire.chat(c);
            case OLLAMA_GENERATE: return OllamaWire.generate(c);
            case OLLAMA_EMBED: return OllamaWire.embed(c);
            case OLLAMA_EMBEDDINGS: return OllamaWire.embeddings(c);
            case BEDROCK_CONVERSE: return BedrockWire.converse(c);
            case BEDROCK_CONVERSE_STREAM: return BedrockWire.converseStream(c);
            default: throw new IllegalStateException("not an LLM call: " + c.route);
        }
    }

    private static boolean isSse(String query) {
        for (String p : query.split("&")) {
            if (p.equals("alt=sse")) {
                return true;
            }
        }
        return false;
    }

    private static String requestedModel(Route route, RecordedRequest request, JsonNode json) {
        String fromBody = json.path("model").isTextual() ? json.path("model").asText() : null;
        switch (route.dialect) {
            case GEMINI: {
                String m = Route.geminiModel(request.path());
                return m != null ? m : "gemini-2.0-flash";
            }
            case ANTHROPIC:
                return fromBody != null ? fromBody : "claude-sonnet-4-20250514";
            case OLLAMA:
                return fromBody != null ? fromBody : "llama3.2";
            case BEDROCK: {
                String m = Route.bedrockModel(request.path());
                return m != null ? m : "anthropic.claude-3-haiku-20240307-v1:0";
            }
            default: {
                if (fromBody != null) {
                    return fromBody;
                }
                String deployment = Route.azureDeployment(request.path());
                return deployment != null ? deployment : "gpt-4o-mini";
            }
        }
    }

    private Collection<String> knownModels() {
        Set<String> ids = new LinkedHashSet<>(List.of("gpt-4o-mini", "gpt-4o", "text-embedding-3-small"));
        ids.addAll(datedModels.values());
        return new ArrayList<>(ids);
    }

    private static boolean acceptsGzip(RecordedRequest request) {
        String ae = request.header("accept-encoding");
        return ae != null && ae.toLowerCase(Locale.ROOT).contains("gzip");
    }

    private static Map<String, String> builtInDatedModels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gpt-4o-mini", "gpt-4o-mini-2024-07-18");
        m.put("gpt-4o", "gpt-4o-2024-08-06");
        m.put("gpt-4.1", "gpt-4.1-2025-04-14");
        m.put("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14");
        m.put("gpt-4.1-nano", "gpt-4.1-nano-2025-04-14");
        m.put("gpt-5", "gpt-5-2025-08-07");
        m.put("gpt-5-mini", "gpt-5-mini-2025-08-07");
        m.put("o3-mini", "o3-mini-2025-01-31");
        m.put("o4-mini", "o4-mini-2025-04-16");
        m.put("claude-3-5-haiku-latest", "claude-3-5-haiku-20241022");
        m.put("claude-3-7-sonnet-latest", "claude-3-7-sonnet-20250219");
        m.put("claude-sonnet-4-0", "claude-sonnet-4-20250514");
        m.put("claude-opus-4-0", "claude-opus-4-20250514");
        m.put("claude-sonnet-4-5", "claude-sonnet-4-5-20250929");
        m.put("claude-haiku-4-5", "claude-haiku-4-5-20251001");
        m.put("gemini-2.0-flash", "gemini-2.0-flash-001");
        m.put("gemini-1.5-flash", "gemini-1.5-flash-002");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "fake-llm-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
