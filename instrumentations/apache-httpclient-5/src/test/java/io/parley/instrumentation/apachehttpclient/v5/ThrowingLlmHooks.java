package io.parley.instrumentation.apachehttpclient.v5;

import io.parley.bootstrap.LlmHooks;
import java.io.InputStream;
import java.io.OutputStream;

/** Treats every /v1/ URL as an LLM call, then fails in every other hook. */
final class ThrowingLlmHooks implements LlmHooks {

  @Override
  public Object llmStart(String method, String url) {
    return url.contains("/v1/") ? new Object() : null;
  }

  @Override
  public void llmRequestBody(Object call, byte[] bytes, int offset, int length) {
    throw new IllegalStateException("agent failure");
  }

  @Override
  public void llmResponseHead(Object call, int status, String contentType, String encoding) {
    throw new IllegalStateException("agent failure");
  }

  @Override
  public void llmResponseBody(Object call, byte[] bytes, int offset, int length) {
    throw new IllegalStateException("agent failure");
  }

  @Override
  public void llmEnd(Object call, Throwable error) {
    throw new IllegalStateException("agent failure");
  }

  @Override
  public InputStream llmTapResponse(Object call, InputStream in) {
    throw new IllegalStateException("agent failure");
  }

  @Override
  public OutputStream llmTapRequest(Object call, OutputStream out) {
    throw new IllegalStateException("agent failure");
  }
}
