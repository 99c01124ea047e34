package io.parley.agent.llm;

import io.opentelemetry.context.Context;
import io.parley.agent.llm.wire.RequestSummary;
import io.parley.agent.llm.wire.ResponseSummary;
import io.parley.agent.server.RequestState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One logical LLM call seen by an SDK-level advice (e.g. Spring AI's {@code ChatModel.call}),
 * together with what the transport exchanges made on its behalf read off the wire. It owns the
 * call's single span; the SDK's values win, the wire fills in what the SDK did not say.
 */
final class SdkLlmCall {

  private final String provider;
  final String operation;
  final String requestModel;
  final boolean stream;
  final Context parent;
  final RequestState request;
  final long startEpochNanos;
  final long startNanos;

  private long firstChunkNanos = -1;
  private LlmEndpoint endpoint;
  private RequestSummary wireRequest;
  private ResponseSummary wireResponse;
  private String wireErrorType;
  private LlmCall inFlight;
  private boolean ended;

  SdkLlmCall(
      String provider,
      String operation,
      String requestModel,
      boolean stream,
      Context parent,
      RequestState request,
      long startEpochNanos,
      long startNanos) {
    this.provider = provider;
    this.operation = operation;
    this.requestModel = blankToNull(requestModel);
    this.stream = stream;
    this.parent = parent;
    this.request = request;
    this.startEpochNanos = startEpochNanos;
    this.startNanos = startNanos;
  }

  /** A streamed chunk reached the application at {@code nanoTime}. */
  synchronized void chunk(long nanoTime) {
    if (firstChunkNanos < 0) {
      firstChunkNanos = nanoTime;
    }
  }

  /** A transport exchange started on this call's behalf (its endpoint is known from now on). */
  synchronized void transportStarted(LlmCall exchange, LlmEndpoint endpoint) {
    if (ended) {
      return;
    }
    this.inFlight = exchange;
    this.endpoint = endpoint;
  }

  /** The exchange started last and not finished yet, or null. */
  synchronized LlmCall inFlight() {
    return inFlight;
  }

  /**
   * A transport exchange made for this call finished (or reported what it read so far); the last
   * one's findings count (earlier ones were retried or led to a tool call).
   *
   * @param firstChunkNanoTime {@code System.nanoTime()} of its first content chunk, or -1
   */
  synchronized void transportEnded(
      LlmCall exchange,
      LlmEndpoint endpoint,
      RequestSummary request,
      ResponseSummary response,
      long firstChunkNanoTime,
      String errorType) {
    if (ended) {
      return;
    }
    if (inFlight == exchange) {
      inFlight = null;
    }
    this.endpoint = endpoint;
    this.wireRequest = request;
    this.wireResponse = response;
    this.wireErrorType = errorType;
    if (stream && firstChunkNanos < 0 && firstChunkNanoTime >= 0) {
      firstChunkNanos = firstChunkNanoTime;
    }
  }

  /** Marks the call ended; false when it already was. */
  synchronized boolean markEnded() {
    if (ended) {
      return false;
    }
    ended = true;
    return true;
  }

  /**
   * {@code gen_ai.provider.name}: the SDK's, else the one the transport's endpoint names, else
   * {@code unknown}.
   */
  synchronized String provider() {
    if (provider != null) {
      return provider;
    }
    return endpoint != null ? endpoint.providerName() : "unknown";
  }

  /** The transport endpoint of the last exchange, or null when no transport reported one. */
  synchronized LlmEndpoint endpoint() {
    return endpoint;
  }

  /** The model asked for: the SDK's, else the one the request body named. */
  synchronized String mergedRequestModel() {
    if (requestModel != null) {
      return requestModel;
    }
    return wireRequest == null ? null : wireRequest.model();
  }

  /** The request as the span records it. */
  synchronized RequestSummary mergedRequest() {
    RequestSummary wire = wireRequest;
    return new RequestSummary(
        mergedRequestModel(),
        stream,
        wire == null ? null : wire.inputMessages(),
        wire == null ? null : wire.systemInstructions());
  }

  /**
   * The response as the span records it: the SDK's values where it gave them (its token counts
   * add up every exchange of a tool-calling loop), the last exchange's wire values elsewhere.
   * Finish reasons come from the wire when it has them, since SDKs rename them.
   */
  synchronized ResponseSummary mergedResponse(
      String responseModel,
      String responseId,
      Long inputTokens,
      Long outputTokens,
      String[] finishReasons) {
    ResponseSummary wire = wireResponse;
    List<String> reasons = wire == null ? null : wire.finishReasons();
    if (reasons == null || reasons.isEmpty()) {
      reasons = normalised(finishReasons);
    }
    return new ResponseSummary(
        first(blankToNull(responseModel), wire == null ? null : wire.responseModel()),
        first(blankToNull(responseId), wire == null ? null : wire.responseId()),
        reasons,
        first(inputTokens, wire == null ? null : wire.inputTokens()),
        first(outputTokens, wire == null ? null : wire.outputTokens()),
        wire == null ? null : wire.cacheReadInputTokens(),
        wire == null ? null : wire.cacheCreationInputTokens(),
        wire == null ? null : wire.reasoningOutputTokens(),
        wire == null ? null : wire.errorType(),
        wire == null ? null : wire.outputMessages());
  }

  /**
   * {@code error.type}: what the provider said went wrong when a transport saw it (the same value
   * a transport-only call records), else the class of what the SDK threw; null on success.
   */
  synchronized String errorType(Throwable sdkError) {
    if (sdkError == null) {
      return null;
    }
    return wireErrorType != null ? wireErrorType : sdkError.getClass().getName();
  }

  /** Seconds from the start to the first chunk, or null when none was seen. */
  synchronized Double timeToFirstChunkSeconds() {
    return firstChunkNanos < 0 ? null : Math.max(0L, firstChunkNanos - startNanos) / 1e9;
  }

  private static List<String> normalised(String[] finishReasons) {
    List<String> reasons = new ArrayList<String>();
    if (finishReasons != null) {
      for (String reason : finishReasons) {
        String r = blankToNull(reason);
        if (r != null) {
          reasons.add(r.toLowerCase(Locale.ROOT));
        }
      }
    }
    return reasons;
  }

  private static <T> T first(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }

  private static String blankToNull(String value) {
    return value == null || value.trim().isEmpty() ? null : value;
  }
}
