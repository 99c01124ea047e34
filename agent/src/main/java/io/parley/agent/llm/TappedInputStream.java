package io.parley.agent.llm;

import io.parley.bootstrap.LlmHooks;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response stream that passes every byte through unchanged, in the same reads, and shows what
 * was read to the agent; the exchange ends at end of stream, on a read error, or on close.
 */
public final class TappedInputStream extends FilterInputStream {

  private final LlmHooks hooks;
  private final Object call;

  public TappedInputStream(InputStream in, LlmHooks hooks, Object call) {
    super(in);
    this.hooks = hooks;
    this.call = call;
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = in.read();
    } catch (IOException e) {
      hooks.llmEnd(call, e);
      throw e;
    }
    if (b < 0) {
      hooks.llmEnd(call, null);
    } else {
      hooks.llmResponseBody(call, new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (IOException e) {
      hooks.llmEnd(call, e);
      throw e;
    }
    if (n < 0) {
      hooks.llmEnd(call, null);
    } else if (n > 0) {
      hooks.llmResponseBody(call, buffer, offset, n);
    }
    return n;
  }

  @Override
  public boolean markSupported() {
    return false; // a reset would replay bytes the agent already saw
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } finally {
      hooks.llmEnd(call, null);
    }
  }
}
