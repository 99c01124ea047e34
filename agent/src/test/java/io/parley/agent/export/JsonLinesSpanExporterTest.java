package io.parley.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.parley.agent.log.ParleyLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSpanExporterTest {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String ROOT_SPAN_ID = "b7ad6b7169203331";
  private static final String CHILD_SPAN_ID = "00f067aa0ba902b7";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Resource SERVICE =
      Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "chat"));
  private static final InstrumentationScopeInfo SERVLET_SCOPE =
      InstrumentationScopeInfo.builder("io.parley.servlet").setVersion("0.1.0").build();

  @TempDir Path dir;

  private final List<String> logLines = new CopyOnWriteArrayList<String>();
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private ParleyLog previousLog;

  @BeforeEach
  void captureLog() {
    previousLog = ParleyLog.get();
    ParleyLog.setGlobal(new ParleyLog(logLines::add, clock::get));
  }

  @AfterEach
  void restoreLog() {
    ParleyLog.setGlobal(previousLog);
  }

  @Test
  void writesOneOtlpJsonLinePerBatch() throws IOException {
    JsonLinesSpanExporter exporter = new JsonLinesSpanExporter(dir.resolve("spans.jsonl"));

    assertTrue(exporter.export(Arrays.asList(rootSpan(), childSpan())).join(1, TimeUnit.SECONDS).isSuccess());
    assertTrue(exporter.export(Collections.singletonList(rootSpan())).join(1, TimeUnit.SECONDS).isSuccess());
    exporter.shutdown();

    List<JsonNode> lines = readLines(dir.resolve("spans.jsonl"));
    assertEquals(2, lines.size());
    assertEquals(2, spansOf(lines.get(0)).size());
    assertEquals(1, spansOf(lines.get(1)).size());
    JsonNode scopeSpans = lines.get(0).get("resourceSpans").get(0).get("scopeSpans").get(0);
    assertEquals("io.parley.servlet", scopeSpans.get("scope").get("name").asText());
    assertEquals("0.1.0", scopeSpans.get("scope").get("version").asText());
    JsonNode resourceAttributes =
        lines.get(0).get("resourceSpans").get(0).get("resource").get("attributes");
    assertEquals("chat", attribute(resourceAttributes, "service.name").get("stringValue").asText());
  }

  @Test
  void writesIdsAsHexAndTimesAsDecimalStrings() throws IOException {
    JsonNode root = exportOne(rootSpan());

    assertEquals(TRACE_ID, root.get("traceId").asText());
    assertEquals(ROOT_SPAN_ID, root.get("spanId").asText());
    assertTrue(root.get("startTimeUnixNano").isTextual());
    assertEquals("1700000000000000000", root.get("startTimeUnixNano").asText());
    assertEquals("1700000000250000000", root.get("endTimeUnixNano").asText());
    assertEquals("GET /chat", root.get("name").asText());
  }

  @Test
  void writesParentSpanIdOnlyWhenThereIsAParent() throws IOException {
    assertFalse(exportOne(rootSpan()).has("parentSpanId"));
    assertEquals(ROOT_SPAN_ID, exportOne(childSpan()).get("parentSpanId").asText());
  }

  @Test
  void writesSpanKindAsOtlpEnumNumber() throws IOException {
    SpanKind[] kinds = {
      SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER
    };
    int[] expected = {1, 2, 3, 4, 5};
    for (int i = 0; i < kinds.length; i++) {
      JsonNode span = exportOne(span().setKind(kinds[i]).build());
      assertTrue(span.get("kind").isInt());
      assertEquals(expected[i], span.get("kind").asInt(), kinds[i].name());
    }
  }

  @Test
  void writesEachAttributeTypeAsItsAnyValue() throws IOException {
    Attributes attributes =
        Attributes.builder()
            .put("session.id", "s-1")
            .put("turn.number", 3L)
            .put("gen_ai.usage.cost", 1.5)
            .put("gen_ai.request.stream", true)
            .put(
                AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
                Arrays.asList("stop", "length"))
            .put(AttributeKey.longArrayKey("numbers"), Arrays.asList(1L, 2L))
            .put(AttributeKey.booleanArrayKey("flags"), Arrays.asList(true, false))
            .put(AttributeKey.doubleArrayKey("ratios"), Arrays.asList(0.25, 0.5))
            .build();

    JsonNode written = exportOne(span().setAttributes(attributes).setTotalAttributeCount(8).build())
        .get("attributes");

    assertEquals("s-1", attribute(written, "session.id").get("stringValue").asText());
    JsonNode turn = attribute(written, "turn.number").get("intValue");
    assertTrue(turn.isTextual(), "64-bit integers are decimal strings in OTLP/JSON");
    assertEquals("3", turn.asText());
    JsonNode cost = attribute(written, "gen_ai.usage.cost").get("doubleValue");
    assertTrue(cost.isNumber());
    assertEquals(1.5, cost.asDouble(), 0.0);
    assertTrue(attribute(written, "gen_ai.request.stream").get("boolValue").asBoolean());
    JsonNode reasons =
        attribute(written, "gen_ai.response.finish_reasons").get("arrayValue").get("values");
    assertEquals("stop", reasons.get(0).get("stringValue").asText());
    assertEquals("length", reasons.get(1).get("stringValue").asText());
    JsonNode numbers = attribute(written, "numbers").get("arrayValue").get("values");
    assertEquals("2", numbers.get(1).get("intValue").asText());
    JsonNode flags = attribute(written, "flags").get("arrayValue").get("values");
    assertFalse(flags.get(1).get("boolValue").asBoolean());
    JsonNode ratios = attribute(written, "ratios").get("arrayValue").get("values");
    assertEquals(0.25, ratios.get(0).get("doubleValue").asDouble(), 0.0);
  }

  @Test
  void writesStatusCodeAndMessageOnlyWhenSet() throws IOException {
    JsonNode error =
        exportOne(span().setStatus(StatusData.create(StatusCode.ERROR, "upstream 503")).build())
            .get("status");
    assertEquals(2, error.get("code").asInt());
    assertEquals("upstream 503", error.get("message").asText());

    JsonNode ok = exportOne(span().setStatus(StatusData.ok()).build()).get("status");
    assertEquals(1, ok.get("code").asInt());
    assertFalse(ok.has("message"));

    JsonNode unset = exportOne(span().setStatus(StatusData.unset()).build()).get("status");
    assertEquals(0, unset.path("code").asInt(0), "absent code means STATUS_CODE_UNSET");
    assertFalse(unset.has("message"));
  }

  @Test
  void writesEventsWithTimesAndAttributes() throws IOException {
    EventData event =
        EventData.create(
            1700000000100000000L,
            "exception",
            Attributes.of(AttributeKey.stringKey("exception.type"), "java.io.IOException"));

    JsonNode written =
        exportOne(span().setEvents(Collections.singletonList(event)).setTotalRecordedEvents(1).build())
            .get("events")
            .get(0);

    assertEquals("exception", written.get("name").asText());
    assertEquals("1700000000100000000", written.get("timeUnixNano").asText());
    assertEquals(
        "java.io.IOException",
        attribute(written.get("attributes"), "exception.type").get("stringValue").asText());
  }

  @Test
  void groupsSpansByResourceThenByScope() throws IOException {
    Resource other = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "billing"));
    InstrumentationScopeInfo llmScope = InstrumentationScopeInfo.create("io.parley.llm");
    List<SpanData> batch =
        Arrays.<SpanData>asList(
            span().setName("a").build(),
            span().setName("b").setResource(other).build(),
            span().setName("c").setInstrumentationScopeInfo(llmScope).build(),
            span().setName("d").build(),
            span().setName("e").setResource(other).build());
    JsonLinesSpanExporter exporter = new JsonLinesSpanExporter(dir.resolve("spans.jsonl"));
    exporter.export(batch);
    exporter.shutdown();

    JsonNode resourceSpans = readLines(dir.resolve("spans.jsonl")).get(0).get("resourceSpans");
    assertEquals(2, resourceSpans.size());
    JsonNode chat = resourceSpans.get(0);
    assertEquals(2, chat.get("scopeSpans").size());
    assertEquals("io.parley.servlet", chat.get("scopeSpans").get(0).get("scope").get("name").asText());
    assertEquals(Arrays.asList("a", "d"), names(chat.get("scopeSpans").get(0).get("spans")));
    assertEquals("io.parley.llm", chat.get("scopeSpans").get(1).get("scope").get("name").asText());
    assertFalse(chat.get("scopeSpans").get(1).get("scope").has("version"));
    assertEquals(Arrays.asList("c"), names(chat.get("scopeSpans").get(1).get("spans")));
    JsonNode billing = resourceSpans.get(1);
    assertEquals(
        "billing",
        attribute(billing.get("resource").get("attributes"), "service.name").get("stringValue").asText());
    assertEquals(1, billing.get("scopeSpans").size());
    assertEquals(Arrays.asList("b", "e"), names(billing.get("scopeSpans").get(0).get("spans")));
  }

  @Test
  void writesSpansOfARealTracerProvider() throws IOException {
    JsonLinesSpanExporter exporter = new JsonLinesSpanExporter(dir.resolve("spans.jsonl"));
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(SERVICE)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    Tracer tracer = provider.get("io.parley.test", "1.2.3");
    Span server = tracer.spanBuilder("POST /chat").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = server.makeCurrent()) {
      tracer.spanBuilder("chat gpt-4o-mini")
          .setSpanKind(SpanKind.CLIENT)
          .setAttribute("gen_ai.usage.input_tokens", 12L)
          .startSpan()
          .end();
    } finally {
      server.end();
    }
    provider.shutdown().join(5, TimeUnit.SECONDS);

    List<JsonNode> lines = readLines(dir.resolve("spans.jsonl"));
    assertEquals(2, lines.size(), "SimpleSpanProcessor exports each span on its own");
    JsonNode client = spansOf(lines.get(0)).get(0);
    JsonNode serverSpan = spansOf(lines.get(1)).get(0);
    assertEquals(3, client.get("kind").asInt());
    assertEquals(2, serverSpan.get("kind").asInt());
    assertEquals(serverSpan.get("spanId").asText(), client.get("parentSpanId").asText());
    assertEquals(serverSpan.get("traceId").asText(), client.get("traceId").asText());
    assertTrue(client.get("traceId").asText().matches("[0-9a-f]{32}"));
    assertTrue(client.get("spanId").asText().matches("[0-9a-f]{16}"));
    assertEquals("12", attribute(client.get("attributes"), "gen_ai.usage.input_tokens").get("intValue").asText());
  }

  @Test
  void concurrentExportsProduceWholeLines() throws Exception {
    final JsonLinesSpanExporter exporter = new JsonLinesSpanExporter(dir.resolve("spans.jsonl"));
    final int threads = 8;
    final int batchesPerThread = 50;
    final StringBuilder longValue = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      longValue.append('x');
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    final CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<Future<?>>();
    for (int t = 0; t < threads; t++) {
      final int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int b = 0; b < batchesPerThread; b++) {
                  SpanData span =
                      span()
                          .setName("t" + thread + "-b" + b)
                          .setAttributes(Attributes.of(AttributeKey.stringKey("pad"), longValue.toString()))
                          .setTotalAttributeCount(1)
                          .build();
                  assertTrue(exporter.export(Arrays.asList(span, span)).isSuccess());
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    exporter.shutdown();

    List<JsonNode> lines = readLines(dir.resolve("spans.jsonl"));
    assertEquals(threads * batchesPerThread, lines.size());
    for (JsonNode line : lines) {
      assertEquals(2, spansOf(line).size());
    }
  }

  @Test
  void createsParentDirectoriesAndAppendsToAnExistingFile() throws IOException {
    Path file = dir.resolve("a/b/spans.jsonl");
    JsonLinesSpanExporter first = new JsonLinesSpanExporter(file);
    first.export(Collections.singletonList(rootSpan()));
    first.shutdown();
    JsonLinesSpanExporter second = new JsonLinesSpanExporter(file);
    second.export(Collections.singletonList(childSpan()));
    second.shutdown();

    assertEquals(2, readLines(file).size());
  }

  @Test
  void unwritablePathFailsAndLogsOneRateLimitedErrorWithoutThrowing() throws IOException {
    Path notADirectory = Files.createFile(dir.resolve("plain-file"));
    Path file = notADirectory.resolve("spans.jsonl");
    JsonLinesSpanExporter exporter = new JsonLinesSpanExporter(file, clock::get);

    CompletableResultCode first = exporter.export(Collections.singletonList(rootSpan()));
    CompletableResultCode second = exporter.export(Collections.singletonList(rootSpan()));

    assertFalse(first.isSuccess());
    assertFalse(second.isSuccess());
    assertEquals(1, logLines.size(), logLines.toString());
    assertTrue(logLines.get(0).startsWith("[parley] ERROR "), logLines.get(0));
    assertTrue(logLines.get(0).contains(file.toAbsolutePath().toString()), logLines.get(0));

    clock.addAndGet(TimeUnit.MINUTES.toNanos(1));
    assertFalse(exporter.export(Collections.singletonList(rootSpan())).isSuccess());
    assertEquals(2, logLines.size());
    assertTrue(logLines.get(1).contains("3 spans dropped"), logLines.get(1));
    assertTrue(exporter.shutdown().isSuccess());
  }

  @Test
  void exportAfterShutdownFails() {
    JsonLinesSpanExporter exporter = new JsonLinesSpanExporter(dir.resolve("spans.jsonl"));
    exporter.shutdown();

    assertFalse(exporter.export(Collections.singletonList(rootSpan())).isSuccess());
    assertTrue(exporter.flush().isSuccess());
  }

  private JsonNode exportOne(SpanData span) throws IOException {
    Path file = Files.createTempFile(dir, "one", ".jsonl");
    JsonLinesSpanExporter exporter = new JsonLinesSpanExporter(file);
    assertTrue(exporter.export(Collections.singletonList(span)).isSuccess());
    exporter.shutdown();
    List<JsonNode> lines = readLines(file);
    assertEquals(1, lines.size());
    return spansOf(lines.get(0)).get(0);
  }

  private static TestSpanData.Builder span() {
    return TestSpanData.builder()
        .setSpanContext(
            SpanContext.create(TRACE_ID, ROOT_SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))
        .setResource(SERVICE)
        .setInstrumentationScopeInfo(SERVLET_SCOPE)
        .setName("GET /chat")
        .setKind(SpanKind.SERVER)
        .setStartEpochNanos(1700000000000000000L)
        .setEndEpochNanos(1700000000250000000L)
        .setStatus(StatusData.unset())
        .setHasEnded(true)
        .setTotalRecordedEvents(0)
        .setTotalRecordedLinks(0);
  }

  private static SpanData rootSpan() {
    return span().build();
  }

  private static SpanData childSpan() {
    return span()
        .setSpanContext(
            SpanContext.create(TRACE_ID, CHILD_SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))
        .setParentSpanContext(
            SpanContext.create(TRACE_ID, ROOT_SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))
        .setName("chat gpt-4o-mini")
        .setKind(SpanKind.CLIENT)
        .build();
  }

  static List<JsonNode> readLines(Path file) throws IOException {
    List<JsonNode> parsed = new ArrayList<JsonNode>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      parsed.add(MAPPER.readTree(line));
    }
    return parsed;
  }

  /** All spans of one line, across resources and scopes. */
  static List<JsonNode> spansOf(JsonNode request) {
    List<JsonNode> spans = new ArrayList<JsonNode>();
    for (JsonNode resourceSpans : request.get("resourceSpans")) {
      for (JsonNode scopeSpans : resourceSpans.get("scopeSpans")) {
        for (JsonNode span : scopeSpans.get("spans")) {
          spans.add(span);
        }
      }
    }
    return spans;
  }

  /** The AnyValue of {@code key} in an OTLP/JSON KeyValue list. */
  static JsonNode attribute(JsonNode keyValues, String key) {
    for (JsonNode keyValue : keyValues) {
      if (key.equals(keyValue.get("key").asText())) {
        return keyValue.get("value");
      }
    }
    throw new AssertionError("no attribute " + key + " in " + keyValues);
  }

  private static List<String> names(JsonNode spans) {
    List<String> names = new ArrayList<String>();
    for (JsonNode span : spans) {
      names.add(span.get("name").asText());
    }
    return names;
  }
}
