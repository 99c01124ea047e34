package io.parley.instrumentation.apachehttpclient.v5;

import io.parley.bootstrap.ParleyBridge;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream a response entity's {@code writeTo} writes into: every call goes through to the
 * application's stream unchanged, and what was written is shown to the agent as response body.
 */
final class ResponseBodyTee extends OutputStream {

  private final OutputStream out;
  private final Object call;

  ResponseBodyTee(OutputStream out, Object call) {
    this.out = out;
    this.call = call;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    report(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    out.write(bytes);
    report(bytes, 0, bytes.length);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
    report(bytes, offset, length);
  }

  private void report(byte[] bytes, int offset, int length) {
    try {
      ParleyBridge.llmResponseBody(call, bytes, offset, length);
    } catch (Throwable ignored) {
      // the agent's failure is never the application's
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
