package io.parley.agent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.parley.agent.llm.wire.ResponseSummary;
import java.util.Collection;
import org.junit.jupiter.api.Test;

class GenAiMetricsTest {

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final GenAiMetrics metrics = new GenAiMetrics(provider.get("test"));
  private final LlmEndpoint endpoint =
      new LlmEndpoint(LlmApi.OPENAI_CHAT_COMPLETIONS, "openai", "api.openai.com", 443);

  private static ResponseSummary usage(long input, long output) {
    return new ResponseSummary("gpt-4o-mini-2024-07-18", "id", null, input, output, null, null,
        null, null);
  }

  private MetricData metric(String name) {
    Collection<MetricData> all = reader.collectAllMetrics();
    for (MetricData data : all) {
      if (data.getName().equals(name)) {
        return data;
      }
    }
    throw new AssertionError(name + " not in " + all);
  }

  @Test
  void tokenUsageIsRecordedPerTokenTypeWithTheConventionsBuckets() {
    metrics.record(endpoint, new LlmCall.Outcome("gpt-4o-mini", usage(100, 7), 0.1, null, 0.5));

    MetricData tokens = metric("gen_ai.client.token.usage");
    assertEquals("{token}", tokens.getUnit());
    long inputSum = 0;
    long outputSum = 0;
    for (HistogramPointData point : tokens.getHistogramData().getPoints()) {
      String type = point.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type"));
      if ("input".equals(type)) {
        inputSum += (long) point.getSum();
      } else if ("output".equals(type)) {
        outputSum += (long) point.getSum();
      }
      assertEquals(14, point.getBoundaries().size());
      assertEquals(1.0, point.getBoundaries().get(0));
      assertEquals(67108864.0, point.getBoundaries().get(13));
    }
    assertEquals(100, inputSum);
    assertEquals(7, outputSum);
  }

  @Test
  void durationCarriesErrorTypeAndNoIdentity() {
    metrics.record(endpoint, new LlmCall.Outcome("gpt-4o-mini", usage(1, 1), null, "429", 1.5));

    HistogramPointData point =
        metric("gen_ai.client.operation.duration").getHistogramData().getPoints().iterator().next();
    Attributes attributes = point.getAttributes();
    assertEquals("429", attributes.get(AttributeKey.stringKey("error.type")));
    assertEquals("chat", attributes.get(GenAiKeys.OPERATION_NAME));
    assertEquals(1.5, point.getSum(), 1e-9);
    assertNull(attributes.get(AttributeKey.stringKey("session.id")));
    assertNull(attributes.get(AttributeKey.stringKey("user.id")));
    assertFalse(attributes.asMap().keySet().toString().contains("session"));
  }
}
