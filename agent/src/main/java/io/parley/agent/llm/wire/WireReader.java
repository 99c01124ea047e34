package io.parley.agent.llm.wire;

/**
 * Reads one LLM exchange's bodies as they pass, in the chunks the application itself writes and
 * reads them, never holding more than its bound. Not thread-safe: one exchange, one reader, fed
 * in order. Never throws: malformed input ends up as missing fields.
 */
public interface WireReader {

  /** A chunk of the (already decoded) request body. */
  void requestBytes(byte[] bytes, int offset, int length);

  /** What the request body said, once it has been written; null when unreadable. */
  RequestSummary requestSummary();

  /** The response status line and content type, before any body byte. */
  void responseHead(int status, String contentType);

  /** A chunk of the (already decompressed) response body. */
  void responseBytes(byte[] bytes, int offset, int length);

  /**
   * True once the response carried its first content chunk (first SSE data event or NDJSON
   * line with content, or the first byte of a non-streamed body): the moment for
   * {@code gen_ai.response.time_to_first_chunk}.
   */
  boolean firstChunkSeen();

  /** Everything read so far, normalised; callable at the end or when the stream was cut short. */
  ResponseSummary summary();
}
