package io.parley.agent.llm;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.parley.agent.llm.wire.GzipStreamDecoder;
import io.parley.agent.llm.wire.RequestSummary;
import io.parley.agent.llm.wire.ResponseSummary;
import io.parley.agent.llm.wire.WireReader;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.server.RequestState;
import io.parley.agent.telemetry.SemanticKeys;

/**
 * One outbound exchange that may be an LLM call: the reader of its bodies and, once the request
 * is known to be an LLM call, its CLIENT span. Fed in order by one transport; ends exactly once.
 */
final class LlmCall {

  /** Starts the span of a call whose request has been read. */
  interface SpanStarter {
    Span start(LlmCall call, RequestSummary request);
  }

  final LlmEndpoint endpoint;
  final Context parent;
  final RequestState request;
  final long startEpochNanos;
  private final boolean knownProviderHost;
  private final WireReader reader;
  private final SpanStarter starter;
  private final long startNanos = System.nanoTime();
  private GzipStreamDecoder decoder;
  private RequestSummary requestSummary;
  private Span span;
  private boolean decided;
  private int status;
  private long firstChunkNanos = -1;
  private boolean ended;
  private SdkLlmCall sdkCall;

  LlmCall(
      LlmEndpoint endpoint,
      boolean knownProviderHost,
      WireReader reader,
      Context parent,
      RequestState request,
      long startEpochNanos,
      SpanStarter starter) {
    this.endpoint = endpoint;
    this.knownProviderHost = knownProviderHost;
    this.reader = reader;
    this.parent = parent;
    this.request = request;
    this.startEpochNanos = startEpochNanos;
    this.starter = starter;
  }

  /**
   * Makes this exchange part of an SDK-level call (see {@link SdkLlmCalls}): it still reads the
   * bodies, but hands its findings to that call, which owns the one span.
   */
  synchronized LlmCall bindTo(SdkLlmCall sdk) {
    this.sdkCall = sdk;
    sdk.transportStarted(this, endpoint);
    return this;
  }

  /**
   * Hands the SDK call this exchange is part of what has been read so far: the SDK call ended
   * first (a stream consumer stopped at the last event and cancelled the rest).
   */
  synchronized void reportSoFar() {
    if (ended || sdkCall == null) {
      return;
    }
    decide();
    ResponseSummary response = reader.summary();
    sdkCall.transportEnded(
        this,
        endpoint,
        requestSummary,
        response,
        firstChunkNanos < 0 ? -1 : startNanos + firstChunkNanos,
        errorType(null, response));
  }

  private boolean reading() {
    return span != null || sdkCall != null;
  }

  synchronized void requestBody(byte[] bytes, int offset, int length) {
    if (!ended && !decided) {
      reader.requestBytes(bytes, offset, length);
    }
  }

  synchronized void responseHead(int status, String contentType, String contentEncoding) {
    if (ended) {
      return;
    }
    this.status = status;
    decide();
    if (!reading()) {
      return;
    }
    reader.responseHead(status, contentType);
    decoder =
        GzipStreamDecoder.forContentEncoding(
            contentEncoding, GzipStreamDecoder.DEFAULT_MAX_OUTPUT, reader::responseBytes,
            ParleyLog.get());
  }

  synchronized void responseBody(byte[] bytes, int offset, int length) {
    if (ended) {
      return;
    }
    decide();
    if (!reading()) {
      return;
    }
    if (decoder != null) {
      decoder.feed(bytes, offset, length);
    } else {
      reader.responseBytes(bytes, offset, length);
    }
    if (firstChunkNanos < 0 && reader.firstChunkSeen()) {
      firstChunkNanos = System.nanoTime() - startNanos;
    }
  }

  /** Ends the span, if the exchange was an LLM call; returns what it adds to its turn. */
  synchronized Outcome end(Throwable error, CostOfCall costs) {
    if (ended) {
      return null;
    }
    ended = true;
    decide();
    if (decoder != null) {
      decoder.close();
    }
    if (sdkCall != null) {
      ResponseSummary response = reader.summary();
      sdkCall.transportEnded(
          this,
          endpoint,
          requestSummary,
          response,
          firstChunkNanos < 0 ? -1 : startNanos + firstChunkNanos,
          errorType(error, response));
      return null;
    }
    if (span == null) {
      return null;
    }
    ResponseSummary response = reader.summary();
    String requestModel = requestSummary == null ? null : requestSummary.model();
    Double cost = costs.cost(response, requestModel);
    LlmSpanAttributes.write(span, requestSummary, response, cost);
    if (requestSummary != null && requestSummary.stream() && firstChunkNanos >= 0) {
      span.setAttribute(GenAiKeys.RESPONSE_TIME_TO_FIRST_CHUNK, firstChunkNanos / 1e9);
    }
    String errorType = errorType(error, response);
    if (errorType != null) {
      span.setAttribute(SemanticKeys.ERROR_TYPE, errorType);
      span.setStatus(StatusCode.ERROR, errorType);
    }
    span.end();
    return new Outcome(requestModel, response, cost, errorType, (System.nanoTime() - startNanos) / 1e9);
  }

  /**
   * Decides, once the request is written, whether this is an LLM call: always on a provider's
   * own host; elsewhere only when the request body names a model, so that an unrelated service
   * with a look-alike path ({@code /api/chat}) gets no LLM span.
   */
  private void decide() {
    if (decided) {
      return;
    }
    decided = true;
    requestSummary = reader.requestSummary();
    if (sdkCall != null) {
      return; // the SDK call owns the span
    }
    boolean hasModel = requestSummary != null && requestSummary.model() != null;
    if (knownProviderHost || hasModel || endpoint.api().modelInPath()) {
      span = starter.start(this, requestSummary);
    }
  }

  private String errorType(Throwable error, ResponseSummary response) {
    if (error != null) {
      return error.getClass().getName();
    }
    if (response.errorType() != null) {
      return response.errorType();
    }
    if (status >= 400) {
      return Integer.toString(status);
    }
    return null;
  }

  /** Prices a call (see {@link io.parley.agent.llm.cost.CostCalculator}). */
  interface CostOfCall {
    Double cost(ResponseSummary response, String requestModel);
  }

  /** What a finished LLM call adds to its turn and to the metrics. */
  static final class Outcome {
    final String requestModel;
    final ResponseSummary response;
    final Double cost;
    final String errorType;
    final double seconds;

    Outcome(
        String requestModel,
        ResponseSummary response,
        Double cost,
        String errorType,
        double seconds) {
      this.requestModel = requestModel;
      this.response = response;
      this.cost = cost;
      this.errorType = errorType;
      this.seconds = seconds;
    }
  }
}
