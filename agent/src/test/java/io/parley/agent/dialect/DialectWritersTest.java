package io.parley.agent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.parley.agent.llm.GenAiKeys;
import io.parley.agent.telemetry.SemanticKeys;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Each dialect's rules on hand-made spans: token splits, embeddings, providers, timing. */
class DialectWritersTest {

  private static final long START = Instant.parse("2025-06-01T10:00:00Z").toEpochMilli() * 1_000_000L;

  private static SpanData span(SpanKind kind, Attributes attributes) {
    return TestSpanData.builder()
        .setName("span")
        .setKind(kind)
        .setStartEpochNanos(START)
        .setEndEpochNanos(START + 2_000_000_000L)
        .setHasEnded(true)
        .setStatus(StatusData.unset())
        .setAttributes(attributes)
        .setTotalAttributeCount(attributes.size())
        .build();
  }

  private static SpanData llmSpan(AttributesBuilder attributes) {
    return span(
        SpanKind.CLIENT,
        attributes
            .put(GenAiKeys.OPERATION_NAME, "chat")
            .put(GenAiKeys.PROVIDER_NAME, "anthropic")
            .put(GenAiKeys.REQUEST_MODEL, "claude-sonnet-4")
            .build());
  }

  private static Attributes written(DialectWriter writer, SpanData span) {
    AttributesBuilder extra = Attributes.builder();
    writer.write(span, extra);
    return extra.build();
  }

  @Test
  void cacheWritesAndReasoningAreSplitOutSoLangfuseCountsEachTokenOnce() {
    SpanData span =
        llmSpan(
            Attributes.builder()
                .put(GenAiKeys.USAGE_INPUT_TOKENS, 1000L)
                .put(GenAiKeys.USAGE_CACHE_READ_INPUT_TOKENS, 300L)
                .put(GenAiKeys.USAGE_CACHE_CREATION_INPUT_TOKENS, 200L)
                .put(GenAiKeys.USAGE_OUTPUT_TOKENS, 500L)
                .put(GenAiKeys.USAGE_REASONING_OUTPUT_TOKENS, 100L));

    assertEquals(
        "{\"input\":500,\"input_cached_tokens\":300,\"input_cache_creation\":200,"
            + "\"output\":400,\"output_reasoning_tokens\":100,\"total\":1500}",
        written(new LangfuseWriter(), span).get(LangfuseWriter.USAGE_DETAILS));
    Attributes openInference = written(new OpenInferenceWriter(), span);
    assertEquals(1000L, (long) openInference.get(OpenInferenceWriter.TOKEN_COUNT_PROMPT));
    assertEquals(300L, (long) openInference.get(OpenInferenceWriter.TOKEN_COUNT_CACHE_READ));
    assertEquals(200L, (long) openInference.get(OpenInferenceWriter.TOKEN_COUNT_CACHE_WRITE));
    assertEquals(100L, (long) openInference.get(OpenInferenceWriter.TOKEN_COUNT_REASONING));
    assertEquals(1500L, (long) openInference.get(OpenInferenceWriter.TOKEN_COUNT_TOTAL));
    assertEquals("claude-sonnet-4", openInference.get(OpenInferenceWriter.LLM_MODEL_NAME));
  }

  @Test
  void partialUsageWritesWhatWasCounted() {
    SpanData outputOnly = llmSpan(Attributes.builder().put(GenAiKeys.USAGE_OUTPUT_TOKENS, 9L));
    assertEquals(
        "{\"output\":9,\"total\":9}",
        written(new LangfuseWriter(), outputOnly).get(LangfuseWriter.USAGE_DETAILS));
    Attributes openInference = written(new OpenInferenceWriter(), outputOnly);
    assertNull(openInference.get(OpenInferenceWriter.TOKEN_COUNT_PROMPT));
    assertEquals(9L, (long) openInference.get(OpenInferenceWriter.TOKEN_COUNT_TOTAL));
  }

  @Test
  void noUsageNoCostMeansNoUsageOrCostKeys() {
    SpanData span = llmSpan(Attributes.builder());
    Attributes langfuse = written(new LangfuseWriter(), span);
    assertNull(langfuse.get(LangfuseWriter.USAGE_DETAILS));
    assertNull(langfuse.get(LangfuseWriter.COST_DETAILS));
    assertEquals("generation", langfuse.get(LangfuseWriter.OBSERVATION_TYPE));
    assertEquals("claude-sonnet-4", langfuse.get(LangfuseWriter.MODEL_NAME), "the request model");
    Attributes openInference = written(new OpenInferenceWriter(), span);
    assertEquals(3, openInference.size(), openInference.toString()); // kind, model, provider
  }

  @Test
  void costDetailsCarryTheTotalAsAPlainNumber() {
    SpanData span = llmSpan(Attributes.builder().put(GenAiKeys.USAGE_COST, 0.000015));
    assertEquals(
        "{\"total\":0.000015}", written(new LangfuseWriter(), span).get(LangfuseWriter.COST_DETAILS));
    SpanData broken = llmSpan(Attributes.builder().put(GenAiKeys.USAGE_COST, Double.NaN));
    assertNull(written(new LangfuseWriter(), broken).get(LangfuseWriter.COST_DETAILS));
  }

  @Test
  void embeddingsAreEmbeddingObservations() {
    SpanData span =
        span(
            SpanKind.CLIENT,
            Attributes.builder()
                .put(GenAiKeys.OPERATION_NAME, "embeddings")
                .put(GenAiKeys.PROVIDER_NAME, "openai")
                .put(GenAiKeys.REQUEST_MODEL, "text-embedding-3-small")
                .put(GenAiKeys.USAGE_INPUT_TOKENS, 8L)
                .build());
    Attributes openInference = written(new OpenInferenceWriter(), span);
    assertEquals("EMBEDDING", openInference.get(OpenInferenceWriter.SPAN_KIND));
    assertEquals(
        "text-embedding-3-small", openInference.get(OpenInferenceWriter.EMBEDDING_MODEL_NAME));
    assertNull(openInference.get(OpenInferenceWriter.LLM_MODEL_NAME));
    assertEquals("embedding", written(new LangfuseWriter(), span).get(LangfuseWriter.OBSERVATION_TYPE));
  }

  @Test
  void providersAreOpenInferenceProviderValues() {
    assertEquals("openai", OpenInferenceWriter.provider("openai"));
    assertEquals("anthropic", OpenInferenceWriter.provider("anthropic"));
    assertEquals("google", OpenInferenceWriter.provider("gcp.gemini"));
    assertEquals("google", OpenInferenceWriter.provider("gcp.vertex_ai"));
    assertEquals("aws", OpenInferenceWriter.provider("aws.bedrock"));
    assertEquals("azure", OpenInferenceWriter.provider("azure.ai.openai"));
    assertEquals("mistralai", OpenInferenceWriter.provider("mistral_ai"));
    assertEquals("xai", OpenInferenceWriter.provider("x_ai"));
    assertEquals("ollama", OpenInferenceWriter.provider("ollama"));
    assertNull(OpenInferenceWriter.provider(null));
  }

  @Test
  void timeToFirstChunkBecomesLangfusesCompletionStartTime() {
    SpanData span =
        llmSpan(Attributes.builder().put(GenAiKeys.RESPONSE_TIME_TO_FIRST_CHUNK, 0.25));
    assertEquals(
        "2025-06-01T10:00:00.250Z",
        written(new LangfuseWriter(), span).get(LangfuseWriter.COMPLETION_START_TIME));
  }

  @Test
  void otherSpansOfARequestGetOnlyTheIdentity() {
    SpanData internal =
        span(
            SpanKind.INTERNAL,
            Attributes.of(SemanticKeys.SESSION_ID, "s", SemanticKeys.USER_ID, "u"));
    assertEquals(
        Attributes.of(LangfuseWriter.SESSION_ID, "s", LangfuseWriter.USER_ID, "u"),
        written(new LangfuseWriter(), internal));
    assertTrue(written(new OpenInferenceWriter(), internal).isEmpty());
  }

  @Test
  void exporterAddsToTheTotalAttributeCountAndKeepsSpansItCannotExtend() {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    DialectSpanExporter exporter =
        new DialectSpanExporter(
            memory,
            Arrays.<DialectWriter>asList(
                new LangfuseWriter(),
                (span, extra) -> {
                  if (span.getAttributes().get(SemanticKeys.USER_ID) == null) {
                    throw new IllegalStateException("boom");
                  }
                }));
    SpanData withUser = span(SpanKind.SERVER, Attributes.of(SemanticKeys.USER_ID, "u"));
    SpanData failing = span(SpanKind.SERVER, Attributes.of(SemanticKeys.SESSION_ID, "s"));
    exporter.export(Arrays.asList(withUser, failing));

    SpanData extended = memory.getFinishedSpanItems().get(0);
    assertEquals("u", extended.getAttributes().get(LangfuseWriter.USER_ID));
    assertEquals(2, extended.getTotalAttributeCount());
    assertSame(failing, memory.getFinishedSpanItems().get(1));
    assertTrue(exporter.flush().isSuccess());
    exporter.shutdown();
    assertFalse(memory.export(Collections.singletonList(withUser)).isSuccess(), "not shut down");
  }

  @Test
  void capturedContentMapsToOpenInferenceAndLangfuseInputAndOutput() {
    String in = "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]";
    String out =
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"ho\"}],"
            + "\"finish_reason\":\"stop\"}]";
    SpanData span =
        llmSpan(
            Attributes.builder()
                .put(GenAiKeys.INPUT_MESSAGES, in)
                .put(GenAiKeys.OUTPUT_MESSAGES, out));

    Attributes openInference = written(new OpenInferenceWriter(), span);
    assertEquals(in, openInference.get(OpenInferenceWriter.INPUT_VALUE));
    assertEquals("application/json", openInference.get(OpenInferenceWriter.INPUT_MIME_TYPE));
    assertEquals(out, openInference.get(OpenInferenceWriter.OUTPUT_VALUE));
    assertEquals("application/json", openInference.get(OpenInferenceWriter.OUTPUT_MIME_TYPE));

    Attributes langfuse = written(new LangfuseWriter(), span);
    assertEquals(in, langfuse.get(LangfuseWriter.OBSERVATION_INPUT));
    assertEquals(out, langfuse.get(LangfuseWriter.OBSERVATION_OUTPUT));
  }

  @Test
  void withoutCapturedContentNoDialectWritesInputOrOutput() {
    SpanData span = llmSpan(Attributes.builder().put(GenAiKeys.USAGE_INPUT_TOKENS, 3L));
    Attributes openInference = written(new OpenInferenceWriter(), span);
    assertNull(openInference.get(OpenInferenceWriter.INPUT_VALUE));
    assertNull(openInference.get(OpenInferenceWriter.OUTPUT_VALUE));
    assertNull(openInference.get(OpenInferenceWriter.INPUT_MIME_TYPE));
    Attributes langfuse = written(new LangfuseWriter(), span);
    assertNull(langfuse.get(LangfuseWriter.OBSERVATION_INPUT));
    assertNull(langfuse.get(LangfuseWriter.OBSERVATION_OUTPUT));
  }
}
