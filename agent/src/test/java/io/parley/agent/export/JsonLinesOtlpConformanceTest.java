package io.parley.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the file exporter's JSON against the OpenTelemetry SDK's own OTLP/JSON marshaler (an
 * internal class of opentelemetry-exporter-otlp-common, used here only as a reference).
 */
class JsonLinesOtlpConformanceTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void writesTheSameRequestAsTheSdksOtlpJsonMarshaler() throws IOException {
    List<SpanData> spans = richSpans();
    assertEquals(10, spans.size());
    Path file = dir.resolve("spans.jsonl");
    JsonLinesSpanExporter exporter = new JsonLinesSpanExporter(file);
    exporter.export(spans);
    exporter.shutdown();
    ByteArrayOutputStream reference = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(spans).writeJsonTo(reference);

    JsonNode written = JsonLinesSpanExporterTest.readLines(file).get(0);
    JsonNode expected = normalize(MAPPER.readTree(reference.toByteArray()));
    // JsonNode equality ignores the order of an object's fields, as JSON readers do
    assertEquals(expected, normalize(written), () -> "expected:\n" + expected.toPrettyString());
  }

  /** Spans using every field: two resources, two scopes, a remote parent, links, events, values. */
  private static List<SpanData> richSpans() {
    List<SpanData> spans = new ArrayList<SpanData>();
    Resource[] resources = {
      Resource.create(
          Attributes.of(AttributeKey.stringKey("service.name"), "chat"), "https://schema/1.0"),
      Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "billing"))
    };
    SpanContext remoteParent =
        SpanContext.createFromRemoteParent(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getSampled(),
            TraceState.builder().put("vendor", "x").put("other", "y").build());
    SpanContext linked =
        SpanContext.create(
            "1af7651916cd43dd8448eb211c80319c",
            "c7ad6b7169203331",
            TraceFlags.getDefault(),
            TraceState.getDefault());
    for (Resource resource : resources) {
      InMemorySpanExporter memory = InMemorySpanExporter.create();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .setResource(resource)
              .addSpanProcessor(SimpleSpanProcessor.create(memory))
              .build();
      Tracer servlet =
          provider
              .tracerBuilder("io.parley.servlet")
              .setInstrumentationVersion("0.1.0")
              .setSchemaUrl("https://schema/1.1")
              .build();
      Tracer llm = provider.get("io.parley.llm");
      Span server =
          servlet
              .spanBuilder("POST /chat")
              .setParent(Context.root().with(Span.wrap(remoteParent)))
              .setSpanKind(SpanKind.SERVER)
              .addLink(linked, Attributes.of(AttributeKey.longKey("link.n"), 5L))
              .setAttribute("turn.number", 1L)
              .setAttribute("gen_ai.usage.cost", 2.5)
              .setAttribute("gen_ai.request.stream", true)
              .setAttribute("session.id", "s-1")
              .setAttribute(AttributeKey.stringArrayKey("models"), Arrays.asList("a", "b"))
              .setAttribute(AttributeKey.longArrayKey("longs"), Arrays.asList(1L, 2L))
              .setAttribute(AttributeKey.doubleArrayKey("doubles"), Arrays.asList(1.5, 2.0))
              .setAttribute(AttributeKey.booleanArrayKey("bools"), Arrays.asList(true, false))
              .startSpan();
      server.setAttribute(
          AttributeKey.valueKey("structured"),
          Value.of(
              KeyValue.of("bytes", Value.of(new byte[] {1, 2, 3})),
              KeyValue.of("list", Value.of(Value.of(1L), Value.of("z"), Value.of(3.5)))));
      server.addEvent("first chunk");
      server.recordException(new IllegalStateException("boom"));
      server.setStatus(StatusCode.ERROR, "upstream failed");
      llm.spanBuilder("chat gpt-4o-mini")
          .setParent(Context.root().with(server))
          .setSpanKind(SpanKind.CLIENT)
          .startSpan()
          .end();
      server.end();
      servlet.spanBuilder("ok").setSpanKind(SpanKind.PRODUCER).startSpan().setStatus(StatusCode.OK).end();
      servlet.spanBuilder("consume").setSpanKind(SpanKind.CONSUMER).startSpan().end();
      servlet.spanBuilder("internal").startSpan().end();
      spans.addAll(memory.getFinishedSpanItems()); // before shutdown, which clears them
      provider.shutdown();
    }
    return spans;
  }

  /**
   * Removes what the two encodings may legitimately do differently: the order of resources,
   * scopes, spans and attributes, and empty lists (proto3 JSON may omit or write them). Field
   * order inside objects is ignored by the comparison itself.
   */
  private static JsonNode normalize(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object.remove("entityRefs"); // development-stage field the marshaler writes, empty here
      List<String> emptyLists = new ArrayList<String>();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        normalize(field.getValue());
        if (field.getValue().isArray() && field.getValue().size() == 0) {
          emptyLists.add(field.getKey());
        }
      }
      object.remove(emptyLists);
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      List<JsonNode> elements = new ArrayList<JsonNode>();
      for (JsonNode element : array) {
        elements.add(normalize(element));
      }
      Collections.sort(elements, Comparator.comparing(JsonLinesOtlpConformanceTest::sortKey));
      array.removeAll();
      array.addAll(elements);
    }
    return node;
  }

  private static String sortKey(JsonNode element) {
    if (element.has("spanId") && element.has("name")) {
      return element.get("spanId").asText();
    }
    if (element.has("key")) {
      return element.get("key").asText();
    }
    if (element.has("scope")) {
      return element.get("scope").path("name").asText();
    }
    return element.toString(); // resources: by their (already sorted) content
  }
}
