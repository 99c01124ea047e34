package io.parley.bootstrap;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * What the agent does when a transport advice sees an outbound HTTP exchange that may be an LLM
 * call; implemented by the agent, called only through {@link ParleyBridge}. Every method is safe
 * to call with a null call handle and never throws.
 */
public interface LlmHooks {

  /**
   * An outbound request is about to be sent.
   *
   * @return a handle for the exchange when it is an LLM call Parley records, else null
   */
  Object llmStart(String method, String url);

  /** A chunk of the request body, as the client writes it. */
  void llmRequestBody(Object call, byte[] bytes, int offset, int length);

  /** The response status and headers arrived. */
  void llmResponseHead(Object call, int status, String contentType, String contentEncoding);

  /** A chunk of the response body, as the application reads it. */
  void llmResponseBody(Object call, byte[] bytes, int offset, int length);

  /** The exchange is over: body fully read, closed early, or failed ({@code error} non-null). */
  void llmEnd(Object call, Throwable error);

  /** Wraps a response stream so that what the application reads is also seen by the agent. */
  InputStream llmTapResponse(Object call, InputStream in);

  /** Wraps a request stream so that what the client writes is also seen by the agent. */
  OutputStream llmTapRequest(Object call, OutputStream out);
}
