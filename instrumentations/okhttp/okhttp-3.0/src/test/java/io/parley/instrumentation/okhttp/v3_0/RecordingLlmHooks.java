package io.parley.instrumentation.okhttp.v3_0;

import io.parley.bootstrap.LlmHooks;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Records what the interceptor hands to the bridge; treats URLs whose path starts with /v1/ as LLM calls. */
final class RecordingLlmHooks implements LlmHooks {

  final List<String> events = new ArrayList<>();
  final ByteArrayOutputStream requestBody = new ByteArrayOutputStream();
  final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
  volatile Throwable endError;
  volatile int ends;
  volatile String contentEncoding;

  @Override
  public synchronized Object llmStart(String method, String url) {
    events.add("start " + method + " " + url);
    return url.contains("/v1/") ? new Object() : null;
  }

  @Override
  public synchronized void llmRequestBody(Object call, byte[] bytes, int offset, int length) {
    requestBody.write(bytes, offset, length);
  }

  @Override
  public synchronized void llmResponseHead(
      Object call, int status, String contentType, String contentEncoding) {
    this.contentEncoding = contentEncoding;
    events.add("head " + status + " " + contentType);
  }

  @Override
  public synchronized void llmResponseBody(Object call, byte[] bytes, int offset, int length) {
    responseBody.write(bytes, offset, length);
  }

  @Override
  public synchronized void llmEnd(Object call, Throwable error) {
    ends++;
    endError = error;
    events.add("end " + (error == null ? "ok" : error.getClass().getSimpleName()));
  }

  @Override
  public InputStream llmTapResponse(Object call, InputStream in) {
    throw new AssertionError("the OkHttp interceptor taps through okio, not streams");
  }

  @Override
  public OutputStream llmTapRequest(Object call, OutputStream out) {
    throw new AssertionError("the OkHttp interceptor taps through okio, not streams");
  }

  synchronized byte[] responseBytes() {
    return responseBody.toByteArray();
  }

  synchronized List<String> events() {
    return new ArrayList<>(events);
  }
}
