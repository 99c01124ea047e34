package io.parley.instrumentation.apachehttpclient.v5;

import io.parley.bootstrap.LlmHooks;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what reaches the LLM bridge; URLs with {@code /v1/} in them are LLM calls. Its taps
 * behave like the agent's: pass-through, end at EOF, error or close.
 */
class RecordingLlmHooks implements LlmHooks {

  private final List<String> events = new ArrayList<>();
  private final List<String> starts = new ArrayList<>();
  private final ByteArrayOutputStream requestBody = new ByteArrayOutputStream();
  private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
  private Throwable firstEndError;
  private int ends;
  private int status = -1;
  private String contentType;
  private String contentEncoding;

  @Override
  public synchronized Object llmStart(String method, String url) {
    starts.add(method + " " + url);
    return url.contains("/v1/") ? new Object() : null;
  }

  @Override
  public synchronized void llmRequestBody(Object call, byte[] bytes, int offset, int length) {
    requestBody.write(bytes, offset, length);
  }

  @Override
  public synchronized void llmResponseHead(
      Object call, int status, String contentType, String contentEncoding) {
    this.status = status;
    this.contentType = contentType;
    this.contentEncoding = contentEncoding;
    events.add("head " + status);
  }

  @Override
  public synchronized void llmResponseBody(Object call, byte[] bytes, int offset, int length) {
    if (ends == 0) {
      responseBody.write(bytes, offset, length);
    }
  }

  @Override
  public synchronized void llmEnd(Object call, Throwable error) {
    if (ends++ == 0) {
      firstEndError = error;
      events.add("end " + (error == null ? "ok" : error.getClass().getSimpleName()));
    }
  }

  @Override
  public InputStream llmTapResponse(final Object call, InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
          n = in.read(buffer, offset, length);
        } catch (IOException e) {
          llmEnd(call, e);
          throw e;
        }
        if (n < 0) {
          llmEnd(call, null);
        } else {
          llmResponseBody(call, buffer, offset, n);
        }
        return n;
      }

      @Override
      public boolean markSupported() {
        return false;
      }

      @Override
      public void close() throws IOException {
        try {
          in.close();
        } finally {
          llmEnd(call, null);
        }
      }
    };
  }

  @Override
  public OutputStream llmTapRequest(final Object call, OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        llmRequestBody(call, new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        llmRequestBody(call, buffer, offset, length);
      }
    };
  }

  synchronized List<String> starts() {
    return new ArrayList<>(starts);
  }

  synchronized List<String> events() {
    return new ArrayList<>(events);
  }

  synchronized byte[] requestBytes() {
    return requestBody.toByteArray();
  }

  synchronized byte[] responseBytes() {
    return responseBody.toByteArray();
  }

  synchronized int ends() {
    return ends;
  }

  synchronized Throwable endError() {
    return firstEndError;
  }

  synchronized int status() {
    return status;
  }

  synchronized String contentType() {
    return contentType;
  }

  synchronized String contentEncoding() {
    return contentEncoding;
  }
}
