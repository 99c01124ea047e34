package io.parley.agent.llm;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.parley.agent.llm.wire.ResponseSummary;
import java.util.Arrays;

/**
 * The GenAI client metrics of the OpenTelemetry conventions, with their advised buckets. Only
 * low-cardinality attributes: never a session, user or conversation id.
 */
public final class GenAiMetrics {

  private static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");

  private final LongHistogram tokenUsage;
  private final DoubleHistogram operationDuration;

  public GenAiMetrics(Meter meter) {
    this.tokenUsage =
        meter
            .histogramBuilder("gen_ai.client.token.usage")
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Number of input and output tokens used.")
            .setExplicitBucketBoundariesAdvice(
                Arrays.asList(
                    1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L,
                    4194304L, 16777216L, 67108864L))
            .build();
    this.operationDuration =
        meter
            .histogramBuilder("gen_ai.client.operation.duration")
            .setUnit("s")
            .setDescription("GenAI operation duration.")
            .setExplicitBucketBoundariesAdvice(
                Arrays.asList(
                    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
                    40.96, 81.92))
            .build();
  }

  void record(LlmEndpoint endpoint, LlmCall.Outcome outcome) {
    record(
        endpoint.api().operation(),
        endpoint.providerName(),
        endpoint.serverAddress(),
        endpoint.serverPort(),
        outcome);
  }

  /** Records one call; {@code serverAddress} null when unknown (an SDK call no transport saw). */
  void record(
      String operation,
      String provider,
      String serverAddress,
      int serverPort,
      LlmCall.Outcome outcome) {
    String requestModel = outcome.requestModel;
    ResponseSummary response = outcome.response;
    String errorType = outcome.errorType;
    double seconds = outcome.seconds;
    AttributesBuilder common =
        Attributes.builder()
            .put(GenAiKeys.OPERATION_NAME, operation)
            .put(GenAiKeys.PROVIDER_NAME, provider);
    if (serverAddress != null) {
      common.put(GenAiKeys.SERVER_ADDRESS, serverAddress).put(GenAiKeys.SERVER_PORT, (long) serverPort);
    }
    if (requestModel != null) {
      common.put(GenAiKeys.REQUEST_MODEL, requestModel);
    }
    if (response.responseModel() != null) {
      common.put(GenAiKeys.RESPONSE_MODEL, response.responseModel());
    }
    Attributes base = common.build();
    if (response.inputTokens() != null) {
      tokenUsage.record(response.inputTokens(), base.toBuilder().put(TOKEN_TYPE, "input").build());
    }
    if (response.outputTokens() != null) {
      tokenUsage.record(
          response.outputTokens(), base.toBuilder().put(TOKEN_TYPE, "output").build());
    }
    Attributes durationAttributes =
        errorType == null
            ? base
            : base.toBuilder()
                .put(io.parley.agent.telemetry.SemanticKeys.ERROR_TYPE, errorType)
                .build();
    operationDuration.record(seconds, durationAttributes);
  }
}
