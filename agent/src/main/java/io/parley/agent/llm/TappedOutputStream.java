package io.parley.agent.llm;

import io.parley.bootstrap.LlmHooks;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A request stream that writes every byte through unchanged and shows it to the agent. */
public final class TappedOutputStream extends FilterOutputStream {

  private final LlmHooks hooks;
  private final Object call;

  public TappedOutputStream(OutputStream out, LlmHooks hooks, Object call) {
    super(out);
    this.hooks = hooks;
    this.call = call;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    hooks.llmRequestBody(call, new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    out.write(buffer, offset, length);
    hooks.llmRequestBody(call, buffer, offset, length);
  }
}
