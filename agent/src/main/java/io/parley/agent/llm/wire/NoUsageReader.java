package io.parley.agent.llm.wire;

/**
 * A reader that reads nothing: for an API without a reader yet, the call still gets its span,
 * without model or usage. Marks the first chunk on the first response byte.
 */
public final class NoUsageReader implements WireReader {

  private boolean firstChunk;

  @Override
  public void requestBytes(byte[] bytes, int offset, int length) {}

  @Override
  public RequestSummary requestSummary() {
    return null;
  }

  @Override
  public void responseHead(int status, String contentType) {}

  @Override
  public void responseBytes(byte[] bytes, int offset, int length) {
    firstChunk |= length > 0;
  }

  @Override
  public boolean firstChunkSeen() {
    return firstChunk;
  }

  @Override
  public ResponseSummary summary() {
    return new ResponseSummary(null, null, null, null, null, null, null, null, null);
  }
}
