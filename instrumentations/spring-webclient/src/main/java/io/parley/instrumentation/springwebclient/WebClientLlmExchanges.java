package io.parley.instrumentation.springwebclient;

import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.SpringWebClientLlmHooks;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Records the LLM calls a Spring WebClient connector sends, for the connectors no transport
 * advice sees: the call starts when the connector is asked to connect (on the subscribing thread,
 * so in the caller's context), the request body is read as the connector writes it, the response
 * body as the application's decoder receives it, each buffer left as it was.
 *
 * <p>The connector's request and response objects are tied to their exchange through weak maps:
 * the advice on {@code writeWith} and {@code getBody} only has the object itself.
 */
final class WebClientLlmExchanges implements SpringWebClientLlmHooks {

  /** Request bytes shown to the agent at most (an LLM request this large is rare). */
  static final long REQUEST_LIMIT = 2 * 1024 * 1024;

  private final Map<Object, Exchange> requests =
      Collections.synchronizedMap(new WeakHashMap<Object, Exchange>());
  private final Map<Object, Exchange> responses =
      Collections.synchronizedMap(new WeakHashMap<Object, Exchange>());
  /** Whether an LLM exchange was ever seen: until then, every other request costs one read. */
  private volatile boolean seenAny;

  @Override
  public Object connect(Object method, Object uri) {
    ReactiveApi api = ReactiveApi.of(method);
    if (api == null) {
      return null;
    }
    try {
      Object call = ParleyBridge.llmStart(api.methodName(method), uri.toString());
      if (call == null) {
        return null;
      }
      seenAny = true;
      return new Exchange(api, call);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object requestCallback(Object exchange, Object callback) {
    final Exchange llm = (Exchange) exchange;
    final Function<Object, Object> original = (Function<Object, Object>) callback;
    return (Function<Object, Object>)
        request -> {
          // a connector may send again (Reactor Netty does, once, on a stale pooled connection):
          // the body is read the first time only
          if (request != null && llm.requestSeen.compareAndSet(false, true)) {
            requests.put(request, llm);
          }
          return original.apply(request);
        };
  }

  @Override
  public Object response(Object exchange, Object response, Throwable thrown) {
    final Exchange llm = (Exchange) exchange;
    if (thrown != null || response == null) {
      llm.end(thrown);
      return response;
    }
    try {
      return llm.api.watchMono(
          response,
          clientResponse -> {
            if (clientResponse == null) {
              llm.end(null); // completed without a response
            } else {
              llm.responded.set(true);
              responseHead(llm, clientResponse);
              responses.put(clientResponse, llm);
            }
          },
          error -> llm.end((Throwable) error),
          () -> {
            if (!llm.responded.get()) {
              llm.end(new CancellationException("cancelled before the response"));
            }
          });
    } catch (ReflectiveOperationException | RuntimeException e) {
      llm.end(null);
      return response;
    }
  }

  private static void responseHead(Exchange llm, Object clientResponse) {
    try {
      ParleyBridge.llmResponseHead(
          llm.call,
          llm.api.status(clientResponse),
          llm.api.header(clientResponse, "Content-Type"),
          llm.api.header(clientResponse, "Content-Encoding"));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // the body is still read; the reader decides without a status
    }
  }

  @Override
  public Object requestBody(Object request, Object body) {
    if (!seenAny) {
      return body;
    }
    final Exchange llm = requests.remove(request);
    if (llm == null) {
      return body;
    }
    try {
      return llm.api.peek(body, bytesOf(llm, false));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return body;
    }
  }

  @Override
  public Object responseBody(Object response, Object body) {
    if (!seenAny) {
      return body;
    }
    // not removed: WebClient may call getBody() more than once and subscribe to one of them only
    // (retrieve() on an error status prepares the body's decoding, then reads it for the
    // exception); each flux handed out is watched, the one read feeds the call
    final Exchange llm = responses.get(response);
    if (llm == null || !llm.api.isFlux(body)) {
      return body;
    }
    try {
      return llm.api.watchFlux(
          body,
          bytesOf(llm, true),
          () -> llm.end(null),
          error -> llm.end((Throwable) error),
          () -> llm.end(null)); // the application stopped reading: what was seen counts
    } catch (ReflectiveOperationException | RuntimeException e) {
      llm.end(null);
      return body;
    }
  }

  /**
   * Shows each {@code DataBuffer} of a request or response body to the agent, as it passes; of a
   * request body, the first {@link #REQUEST_LIMIT} bytes only.
   */
  private static Consumer<Object> bytesOf(final Exchange llm, final boolean response) {
    return buffer -> {
      try {
        if (!response && llm.requestBytesLeft <= 0) {
          return;
        }
        byte[] bytes = llm.api.readable(buffer);
        if (response) {
          ParleyBridge.llmResponseBody(llm.call, bytes, 0, bytes.length);
        } else {
          int length = (int) Math.min(bytes.length, llm.requestBytesLeft);
          llm.requestBytesLeft -= length; // buffers of one body arrive one after the other
          ParleyBridge.llmRequestBody(llm.call, bytes, 0, length);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // this chunk is not seen; the application's bytes go on as they were
      }
    };
  }

  /** One LLM call through a connector. */
  private static final class Exchange {
    final ReactiveApi api;
    final Object call;
    final AtomicBoolean requestSeen = new AtomicBoolean();
    final AtomicBoolean responded = new AtomicBoolean();
    long requestBytesLeft = REQUEST_LIMIT;
    private final AtomicBoolean ended = new AtomicBoolean();

    Exchange(ReactiveApi api, Object call) {
      this.api = api;
      this.call = call;
    }

    void end(Throwable error) {
      if (ended.compareAndSet(false, true)) {
        ParleyBridge.llmEnd(call, error);
      }
    }
  }
}
