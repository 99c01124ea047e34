package io.parley.instrumentation.jdkhttp;

import io.parley.bootstrap.JdkHttpHooks;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The agent side of the java.net.http advice: adds the propagation headers to every request;
 * for LLM calls, wraps the application's body handler, records the request body (read ahead
 * when it can be read twice, else as the client pulls it), and ends calls that fail before their
 * body completes.
 */
final class JdkHttpLlmHooks implements JdkHttpHooks {

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Object send(Object call, Object request, Object handler) {
    LlmBodyHandler<?> exchange = new LlmBodyHandler(call, (HttpResponse.BodyHandler) handler);
    try {
      ReplayableRequestBody.record(call, (HttpRequest) request);
    } catch (Throwable ignored) {
      // the span goes without its request details; the request is untouched
    }
    return exchange;
  }

  @Override
  public Object tapRequestBody(Object call, Object request) {
    return request instanceof HttpRequest
        ? TappedRequestBody.of(call, (HttpRequest) request)
        : null;
  }

  @Override
  public Object propagate(Object request) {
    return request instanceof HttpRequest ? PropagatedRequest.of((HttpRequest) request) : null;
  }

  @Override
  public void sent(Object exchange, Object future, Throwable thrown) {
    LlmBodyHandler<?> handler = (LlmBodyHandler<?>) exchange;
    if (thrown != null) {
      handler.end(thrown);
    } else if (future instanceof CompletableFuture) {
      // refused, timed out or cancelled before a body subscriber took over; a dependent stage
      // leaves the application's future and its result alone
      ((CompletableFuture<?>) future)
          .whenComplete(
              (response, failure) -> {
                if (failure != null) {
                  handler.end(unwrap(failure));
                }
              });
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
