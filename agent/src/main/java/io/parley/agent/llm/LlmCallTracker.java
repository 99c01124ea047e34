package io.parley.agent.llm;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.parley.agent.llm.cost.CostCalculator;
import io.parley.agent.llm.wire.RequestSummary;
import io.parley.agent.llm.wire.WireReaders;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.server.RequestState;
import io.parley.agent.session.lifecycle.SessionTracker;
import io.parley.bootstrap.LlmHooks;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Turns the transport advice's reports into one CLIENT span per LLM call: recognises LLM
 * endpoints, numbers the turn at a request's first call, and hands the bodies to the wire
 * readers as they pass.
 */
public final class LlmCallTracker implements LlmHooks, LlmCall.SpanStarter {

  private final Tracer tracer;
  private final LlmEndpoints endpoints;
  private final CostCalculator costs;
  private final SessionTracker sessions;
  private final GenAiMetrics metrics;
  private final ParleyLog log;
  private final boolean captureContent;
  private final Clock clock = Clock.getDefault();

  public LlmCallTracker(
      Tracer tracer,
      LlmEndpoints endpoints,
      CostCalculator costs,
      SessionTracker sessions,
      GenAiMetrics metrics,
      ParleyLog log) {
    this(tracer, endpoints, costs, sessions, metrics, log, false);
  }

  /**
   * @param captureContent {@code parley.capture.content}: whether LLM spans carry the prompt and
   *     completion text ({@code gen_ai.input.messages}, {@code gen_ai.output.messages},
   *     {@code gen_ai.system_instructions})
   */
  public LlmCallTracker(
      Tracer tracer,
      LlmEndpoints endpoints,
      CostCalculator costs,
      SessionTracker sessions,
      GenAiMetrics metrics,
      ParleyLog log,
      boolean captureContent) {
    this.captureContent = captureContent;
    this.tracer = tracer;
    this.endpoints = endpoints;
    this.costs = costs;
    this.sessions = sessions;
    this.metrics = metrics;
    this.log = log;
  }

  @Override
  public Object llmStart(String method, String url) {
    try {
      OutboundUrl target = OutboundUrl.parse(url);
      if (target == null) {
        return null;
      }
      LlmEndpoint endpoint =
          endpoints.classify(method, target.host(), target.port(), target.path());
      if (endpoint == null) {
        return null;
      }
      Context parent = Context.current();
      LlmCall call =
          new LlmCall(
              endpoint,
              endpoints.isProviderHost(target.host()),
              WireReaders.create(endpoint.api(), target.path(), log, captureContent),
              parent,
              RequestState.from(parent),
              clock.now(),
              this);
      SdkLlmCall sdk = SdkLlmCalls.attached();
      return sdk == null ? call : call.bindTo(sdk);
    } catch (Throwable t) {
      fault("start", t);
      return null;
    }
  }

  @Override
  public Span start(LlmCall call, RequestSummary request) {
    if (call.request != null) {
      assignTurn(call.request);
    }
    String operation = call.endpoint.api().operation();
    String model = request == null ? null : request.model();
    return tracer
        .spanBuilder(model == null ? operation : operation + " " + model)
        .setSpanKind(SpanKind.CLIENT)
        .setParent(call.parent)
        .setStartTimestamp(call.startEpochNanos, TimeUnit.NANOSECONDS)
        .setAttribute(GenAiKeys.OPERATION_NAME, operation)
        .setAttribute(GenAiKeys.PROVIDER_NAME, call.endpoint.providerName())
        .setAttribute(GenAiKeys.SERVER_ADDRESS, call.endpoint.serverAddress())
        .setAttribute(GenAiKeys.SERVER_PORT, (long) call.endpoint.serverPort())
        .startSpan();
  }

  /**
   * The hooks of SDK-level advice (Spring AI chat models, ...), sharing this tracker's tracer,
   * prices, turn numbers and metrics; transport exchanges made inside one of their calls enrich
   * that call's span instead of starting their own.
   */
  public SdkLlmCalls sdkCalls() {
    return new SdkLlmCalls(tracer, costs, metrics, this, log);
  }

  /** The first LLM call of a request makes it a turn of its session. */
  void assignTurn(RequestState request) {
    synchronized (request) {
      if (request.turnNumber() > 0) {
        return;
      }
      long turn;
      if (request.sessionId() != null) {
        turn = sessions.nextTurn(request.session(), request.turnOverride());
      } else if (request.turnOverride() != null) {
        turn = request.turnOverride();
      } else {
        return;
      }
      request.setTurnNumber(turn);
      Span server = request.serverSpan();
      if (server != null) {
        server.setAttribute(GenAiKeys.TURN_NUMBER, turn);
      }
    }
  }

  @Override
  public void llmRequestBody(Object call, byte[] bytes, int offset, int length) {
    try {
      ((LlmCall) call).requestBody(bytes, offset, length);
    } catch (Throwable t) {
      fault("request body", t);
    }
  }

  @Override
  public void llmResponseHead(Object call, int status, String contentType, String contentEncoding) {
    try {
      ((LlmCall) call).responseHead(status, contentType, contentEncoding);
    } catch (Throwable t) {
      fault("response head", t);
    }
  }

  @Override
  public void llmResponseBody(Object call, byte[] bytes, int offset, int length) {
    try {
      ((LlmCall) call).responseBody(bytes, offset, length);
    } catch (Throwable t) {
      fault("response body", t);
    }
  }

  @Override
  public void llmEnd(Object call, Throwable error) {
    try {
      LlmCall llmCall = (LlmCall) call;
      LlmCall.Outcome outcome = llmCall.end(error, costs::cost);
      if (outcome == null) {
        return;
      }
      if (llmCall.request != null) {
        countInRequest(llmCall.request, outcome);
      }
      if (metrics != null) {
        metrics.record(llmCall.endpoint, outcome);
      }
    } catch (Throwable t) {
      fault("end", t);
    }
  }

  /** Adds a finished LLM call to its request's turn totals and to its session. */
  void countInRequest(RequestState request, LlmCall.Outcome outcome) {
    request.totals().add(outcome.response.inputTokens(), outcome.response.outputTokens(), outcome.cost);
    sessions.llmCallEnded(
        request.session(),
        outcome.response.responseModel() != null
            ? outcome.response.responseModel()
            : outcome.requestModel,
        outcome.response.inputTokens(),
        outcome.response.outputTokens(),
        outcome.cost,
        outcome.errorType != null);
  }

  @Override
  public InputStream llmTapResponse(Object call, InputStream in) {
    return call instanceof LlmCall ? new TappedInputStream(in, this, call) : in;
  }

  @Override
  public OutputStream llmTapRequest(Object call, OutputStream out) {
    return call instanceof LlmCall ? new TappedOutputStream(out, this, call) : out;
  }

  private void fault(String where, Throwable t) {
    log.warnRateLimited(
        "llm-" + where,
        1,
        TimeUnit.MINUTES,
        "internal error recording an LLM call (" + where + "; the call is unaffected): " + t);
  }
}
