package io.parley.agent.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.parley.agent.llm.GenAiKeys;
import io.parley.agent.server.RequestState;

/**
 * Labels every span started inside a request with that request's session, user and
 * conversation, and its turn number once assigned, whichever code starts the span.
 */
public final class RequestAttributesSpanProcessor implements SpanProcessor {

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    RequestState state = RequestState.from(parentContext);
    if (state == null) {
      return;
    }
    if (state.sessionId() != null) {
      span.setAttribute(SemanticKeys.SESSION_ID, state.sessionId());
    }
    if (state.userId() != null) {
      span.setAttribute(SemanticKeys.USER_ID, state.userId());
    }
    if (state.conversationId() != null) {
      span.setAttribute(SemanticKeys.CONVERSATION_ID, state.conversationId());
    }
    long turn = state.turnNumber();
    if (turn > 0) {
      span.setAttribute(GenAiKeys.TURN_NUMBER, turn);
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
