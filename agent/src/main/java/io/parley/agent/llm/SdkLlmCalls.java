package io.parley.agent.llm;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.parley.agent.llm.cost.CostCalculator;
import io.parley.agent.llm.wire.RequestSummary;
import io.parley.agent.llm.wire.ResponseSummary;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.server.RequestState;
import io.parley.agent.telemetry.SemanticKeys;
import io.parley.bootstrap.LlmSdkHooks;
import java.util.concurrent.TimeUnit;

/**
 * Turns the SDK-level advice's reports into one CLIENT span per logical LLM call. While a call is
 * attached to a thread, {@link LlmCallTracker} binds the transport exchanges started there to it
 * ({@link #attached()}), so that the SDK hook and the transport hook together give one span.
 */
public final class SdkLlmCalls implements LlmSdkHooks {

  private static final ThreadLocal<SdkLlmCall> ATTACHED = new ThreadLocal<SdkLlmCall>();

  private final Tracer tracer;
  private final CostCalculator costs;
  private final GenAiMetrics metrics;
  private final LlmCallTracker requests;
  private final ParleyLog log;
  private final Clock clock = Clock.getDefault();

  /**
   * @param requests numbers a request's turn at its first LLM call and counts finished calls in
   *     the request's turn and session, as for transport-only calls
   */
  SdkLlmCalls(
      Tracer tracer,
      CostCalculator costs,
      GenAiMetrics metrics,
      LlmCallTracker requests,
      ParleyLog log) {
    this.tracer = tracer;
    this.costs = costs;
    this.metrics = metrics;
    this.requests = requests;
    this.log = log;
  }

  /** The SDK call attached to the current thread, or null. */
  static SdkLlmCall attached() {
    return ATTACHED.get();
  }

  @Override
  public Object llmSdkStart(
      String provider, String operation, String requestModel, boolean stream) {
    try {
      if (ATTACHED.get() != null) {
        return null; // one SDK call delegating to another is still one call
      }
      Context parent = Context.current();
      RequestState request = RequestState.from(parent);
      if (request != null) {
        requests.assignTurn(request);
      }
      return new SdkLlmCall(
          provider,
          operation == null ? "chat" : operation,
          requestModel,
          stream,
          parent,
          request,
          clock.now(),
          System.nanoTime());
    } catch (Throwable t) {
      fault("start", t);
      return null;
    }
  }

  @Override
  public Object llmSdkAttach(Object call) {
    if (!(call instanceof SdkLlmCall)) {
      return null;
    }
    Attachment token = new Attachment(ATTACHED.get());
    ATTACHED.set((SdkLlmCall) call);
    return token;
  }

  @Override
  public void llmSdkDetach(Object token) {
    if (token instanceof Attachment) {
      SdkLlmCall previous = ((Attachment) token).previous;
      if (previous == null) {
        ATTACHED.remove();
      } else {
        ATTACHED.set(previous);
      }
    }
  }

  @Override
  public void llmSdkChunk(Object call) {
    if (call instanceof SdkLlmCall) {
      ((SdkLlmCall) call).chunk(System.nanoTime());
    }
  }

  @Override
  public void llmSdkEnd(
      Object handle,
      String responseModel,
      String responseId,
      Long inputTokens,
      Long outputTokens,
      String[] finishReasons,
      Throwable error) {
    try {
      if (!(handle instanceof SdkLlmCall)) {
        return;
      }
      SdkLlmCall call = (SdkLlmCall) handle;
      LlmCall inFlight = call.inFlight();
      if (inFlight != null) {
        inFlight.reportSoFar(); // outside the call's lock: exchange first, then call, as always
      }
      if (!call.markEnded()) {
        return;
      }
      RequestSummary request = call.mergedRequest();
      String provider = call.provider(); // the SDK's, else the transport endpoint's
      ResponseSummary response =
          call.mergedResponse(responseModel, responseId, inputTokens, outputTokens, finishReasons);
      Double cost = costs.cost(response, request.model());
      Span span = startSpan(call, provider, request.model());
      LlmSpanAttributes.write(span, request, response, cost);
      Double firstChunk = call.timeToFirstChunkSeconds();
      if (call.stream && firstChunk != null) {
        span.setAttribute(GenAiKeys.RESPONSE_TIME_TO_FIRST_CHUNK, firstChunk);
      }
      String errorType = call.errorType(error);
      if (errorType != null) {
        span.setAttribute(SemanticKeys.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, errorType);
      }
      span.end();
      LlmCall.Outcome outcome =
          new LlmCall.Outcome(
              request.model(), response, cost, errorType, (System.nanoTime() - call.startNanos) / 1e9);
      if (call.request != null) {
        requests.countInRequest(call.request, outcome);
      }
      if (metrics != null) {
        LlmEndpoint endpoint = call.endpoint();
        metrics.record(
            call.operation,
            provider,
            endpoint == null ? null : endpoint.serverAddress(),
            endpoint == null ? -1 : endpoint.serverPort(),
            outcome);
      }
    } catch (Throwable t) {
      fault("end", t);
    }
  }

  private Span startSpan(SdkLlmCall call, String provider, String model) {
    SpanBuilder builder =
        tracer
            .spanBuilder(model == null ? call.operation : call.operation + " " + model)
            .setSpanKind(SpanKind.CLIENT)
            .setParent(call.parent)
            .setStartTimestamp(call.startEpochNanos, TimeUnit.NANOSECONDS)
            .setAttribute(GenAiKeys.OPERATION_NAME, call.operation)
            .setAttribute(GenAiKeys.PROVIDER_NAME, provider);
    LlmEndpoint endpoint = call.endpoint();
    if (endpoint != null) {
      builder.setAttribute(GenAiKeys.SERVER_ADDRESS, endpoint.serverAddress());
      if (endpoint.serverPort() > 0) {
        builder.setAttribute(GenAiKeys.SERVER_PORT, (long) endpoint.serverPort());
      }
    }
    return builder.startSpan();
  }

  private void fault(String where, Throwable t) {
    log.warnRateLimited(
        "llm-sdk-" + where,
        1,
        TimeUnit.MINUTES,
        "internal error recording an LLM SDK call (" + where + "; the call is unaffected): " + t);
  }

  /** What {@link #llmSdkDetach} puts back. */
  private static final class Attachment {
    final SdkLlmCall previous;

    Attachment(SdkLlmCall previous) {
      this.previous = previous;
    }
  }
}
