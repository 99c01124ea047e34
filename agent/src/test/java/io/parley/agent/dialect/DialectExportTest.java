package io.parley.agent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.parley.agent.llm.GenAiKeys;
import io.parley.agent.telemetry.SemanticKeys;
import io.parley.agent.testing.AgentPipeline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each dialect adds to the exported spans, key by key, for one request of a session with
 * one LLM call (1000 input tokens of which 400 cached, 200 output) and the session's summary.
 */
class DialectExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AgentPipeline agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  /** Runs the request and ends its session; returns the exported spans' attributes by kind. */
  private Map<String, Attributes> export(String... dialects) {
    final Dialects chosen = Dialects.of(Arrays.asList(dialects));
    agent = new AgentPipeline(Duration.ofMinutes(30), 100, chosen::wrap);
    Object request = agent.start("sess-1", "alice");
    agent.chat("gpt-4o-mini", 1000, 400, 200, 200);
    agent.end(request, 200);
    agent.sessions.shutdown();
    Map<String, Attributes> byKind = new HashMap<>();
    for (SpanData span : agent.spans()) {
      String kind = span.getName().equals("session") ? "summary" : span.getKind().name();
      byKind.put(kind, span.getAttributes());
    }
    assertEquals(3, byKind.size(), byKind.toString());
    return byKind;
  }

  /** The keys in {@code attributes} outside the OpenTelemetry, GenAI, Parley and session keys. */
  private static Map<String, Object> dialectKeys(Attributes attributes) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<AttributeKey<?>, Object> entry : attributes.asMap().entrySet()) {
      String key = entry.getKey().getKey();
      if (!isOpenTelemetryKey(key)) {
        out.put(key, entry.getValue());
      }
    }
    return out;
  }

  private static boolean isOpenTelemetryKey(String key) {
    return key.startsWith("gen_ai.")
        || key.startsWith("http.")
        || key.startsWith("url.")
        || key.startsWith("server.")
        || key.startsWith("turn.")
        || key.startsWith("session.")
        || key.equals("user.id")
        || key.equals("error.type");
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void withOnlyOtelOnlyTheOpenTelemetryKeysAppear() {
    Map<String, Attributes> spans = export("otel");
    for (Map.Entry<String, Attributes> span : spans.entrySet()) {
      assertEquals(map(), dialectKeys(span.getValue()), span.getKey());
    }
    assertEquals("sess-1", spans.get("CLIENT").get(SemanticKeys.SESSION_ID));
    assertEquals(1000L, (long) spans.get("CLIENT").get(GenAiKeys.USAGE_INPUT_TOKENS));
  }

  @Test
  void noDialectAtAllIsTheSameAsOtel() {
    Map<String, Attributes> spans = export();
    for (Map.Entry<String, Attributes> span : spans.entrySet()) {
      assertEquals(map(), dialectKeys(span.getValue()), span.getKey());
    }
  }

  @Test
  void otelOnlyLeavesTheExporterUnwrapped() {
    SpanExporter exporter = InMemorySpanExporter.create();
    assertSame(exporter, Dialects.of(Arrays.asList("otel")).wrap(exporter));
    assertTrue(Dialects.of(Arrays.asList("otel", "langfuse")).any());
  }

  @Test
  void openInferenceKeysKeyByKey() {
    Map<String, Attributes> spans = export("openinference");
    Attributes llm = spans.get("CLIENT");
    double cost = llm.get(GenAiKeys.USAGE_COST);
    assertEquals(
        map(
            "openinference.span.kind", "LLM",
            "llm.model_name", "gpt-4o-mini",
            "llm.provider", "openai",
            "llm.token_count.prompt", 1000L,
            "llm.token_count.completion", 200L,
            "llm.token_count.total", 1200L,
            "llm.token_count.prompt_details.cache_read", 400L,
            "llm.cost.total", cost),
        dialectKeys(llm));
    assertEquals("sess-1", llm.get(SemanticKeys.SESSION_ID), "OpenInference's own session key");
    assertNotNull(llm.get(SemanticKeys.USER_ID), "OpenInference's own user key");
    assertEquals(map("openinference.span.kind", "CHAIN"), dialectKeys(spans.get("SERVER")));
    assertEquals(map(), dialectKeys(spans.get("summary")));
  }

  @Test
  void langfuseKeysKeyByKey() throws IOException {
    Map<String, Attributes> spans = export("langfuse");
    Attributes llm = spans.get("CLIENT");
    String user = llm.get(SemanticKeys.USER_ID);
    Map<String, Object> added = dialectKeys(llm);
    JsonNode costDetails = JSON.readTree((String) added.remove("langfuse.observation.cost_details"));
    assertEquals(1, costDetails.size(), costDetails.toString());
    assertEquals(llm.get(GenAiKeys.USAGE_COST), costDetails.get("total").doubleValue(), 0.0);
    assertEquals(
        map(
            "langfuse.session.id", "sess-1",
            "langfuse.user.id", user,
            "langfuse.observation.type", "generation",
            "langfuse.observation.model.name", "gpt-4o-mini",
            "langfuse.observation.usage_details",
                "{\"input\":600,\"input_cached_tokens\":400,\"output\":200,\"total\":1200}"),
        added);
    Map<String, Object> identity = map("langfuse.session.id", "sess-1", "langfuse.user.id", user);
    assertEquals(identity, dialectKeys(spans.get("SERVER")));
    assertEquals(identity, dialectKeys(spans.get("summary")));
  }

  @Test
  void dialectsCombine() {
    Map<String, Attributes> spans = export("otel", "openinference", "langfuse");
    Map<String, Object> llm = dialectKeys(spans.get("CLIENT"));
    assertEquals("LLM", llm.get("openinference.span.kind"));
    assertEquals("generation", llm.get("langfuse.observation.type"));
    assertEquals(14, llm.size(), llm.toString());
    Map<String, Object> server = dialectKeys(spans.get("SERVER"));
    assertEquals(
        Arrays.asList("langfuse.session.id", "langfuse.user.id", "openinference.span.kind"),
        new ArrayList<>(server.keySet()));
  }

  @Test
  void requestSpansWithoutSessionGetNoIdentityKeys() {
    Dialects langfuse = Dialects.of(Arrays.asList("langfuse"));
    agent = new AgentPipeline(Duration.ofMinutes(30), 100, langfuse::wrap);
    agent.end(agent.start(null, null), 200);
    List<SpanData> spans = agent.spans();
    assertEquals(1, spans.size());
    assertEquals(map(), dialectKeys(spans.get(0).getAttributes()));
  }
}
