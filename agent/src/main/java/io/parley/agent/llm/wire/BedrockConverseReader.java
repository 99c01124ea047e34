package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import io.parley.agent.log.ParleyLog;
import java.io.IOException;
import java.util.Collections;

/**
 * Reads Amazon Bedrock's Converse API ({@code POST /model/{modelId}/converse}): the model from
 * the URL, and from the JSON response {@code stopReason}, {@code usage} and
 * {@code metrics.latencyMs}. Bedrock's {@code inputTokens} leaves out cache reads and writes;
 * they are added back, so {@link ResponseSummary#inputTokens()} includes them. The binary
 * event stream of {@code converse-stream} is not read (only the model and the first chunk).
 */
public final class BedrockConverseReader implements WireReader {

  private final ParleyLog log;
  private final String model;
  private final boolean stream;
  private boolean eventStream;
  private JsonFieldFeed responseFeed;
  private boolean firstChunkSeen;
  private String stopReason;
  private Long inputTokens;
  private Long outputTokens;
  private Long cacheReadTokens;
  private Long cacheWriteTokens;
  private Long latencyMillis;
  private String errorType;

  /** @param urlPath the request's path, {@code /model/{modelId}/converse} (a query is ignored) */
  public BedrockConverseReader(String urlPath) {
    this(urlPath, ParleyLog.get());
  }

  BedrockConverseReader(String urlPath, ParleyLog log) {
    this.log = log;
    this.model = ModelFromPath.bedrock(urlPath);
    this.stream = "converse-stream".equals(ModelFromPath.lastSegment(urlPath));
  }

  @Override
  public void requestBytes(byte[] bytes, int offset, int length) {
    // the Converse body names no model and no stream flag: the URL says both
  }

  @Override
  public RequestSummary requestSummary() {
    return new RequestSummary(model, stream);
  }

  @Override
  public void responseHead(int status, String contentType) {
    eventStream = contentType != null && contentType.contains("eventstream");
  }

  @Override
  public void responseBytes(byte[] bytes, int offset, int length) {
    if (!JsonFieldFeed.isChunk(bytes, offset, length)) {
      return;
    }
    if (eventStream) {
      firstChunkSeen = true;
      return;
    }
    if (responseFeed == null) {
      responseFeed = new JsonFieldFeed(new ResponseFields(), false, log,
          "a Bedrock Converse response body");
    }
    responseFeed.feed(bytes, offset, length);
  }

  @Override
  public boolean firstChunkSeen() {
    return firstChunkSeen;
  }

  /** {@code metrics.latencyMs}: Bedrock's own time for the call, or null. */
  public Long latencyMillis() {
    return latencyMillis;
  }

  @Override
  public ResponseSummary summary() {
    Long input = inputTokens;
    if (input != null || cacheReadTokens != null || cacheWriteTokens != null) {
      input = orZero(inputTokens) + orZero(cacheReadTokens) + orZero(cacheWriteTokens);
    }
    return new ResponseSummary(
        null, // Converse does not echo the model
        null, // nor give a response id in the body
        stopReason == null ? null : Collections.singletonList(stopReason),
        input,
        outputTokens,
        cacheReadTokens,
        cacheWriteTokens,
        null,
        errorType);
  }

  private static long orZero(Long value) {
    return value == null ? 0L : value;
  }

  /**
   * The exception name out of an AWS error type:
   * {@code com.amazon.coral.validate#ValidationException} and
   * {@code ValidationException:http://internal.amazon.com/...} both read {@code ValidationException}.
   */
  static String awsErrorName(String type) {
    if (type == null) {
      return null;
    }
    String name = type;
    int colon = name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon);
    }
    name = name.substring(name.lastIndexOf('#') + 1).trim();
    return name.isEmpty() ? null : name;
  }

  private final class ResponseFields implements JsonFieldFeed.Listener {
    @Override
    public void scalar(JsonFieldPath path, JsonParser parser) throws IOException {
      if (path.is("stopReason")) {
        stopReason = JsonFieldFeed.text(parser);
      } else if (path.is("usage", "inputTokens")) {
        inputTokens = JsonFieldFeed.count(parser);
      } else if (path.is("usage", "outputTokens")) {
        outputTokens = JsonFieldFeed.count(parser);
      } else if (path.is("usage", "cacheReadInputTokens")) {
        cacheReadTokens = JsonFieldFeed.count(parser);
      } else if (path.is("usage", "cacheWriteInputTokens")) {
        cacheWriteTokens = JsonFieldFeed.count(parser);
      } else if (path.is("metrics", "latencyMs")) {
        latencyMillis = JsonFieldFeed.count(parser);
      } else if (path.is("__type")) {
        errorType = awsErrorName(JsonFieldFeed.text(parser));
      }
    }

    @Override
    public void objectStart(JsonFieldPath path) {
      if (path.isTop()) {
        firstChunkSeen = true;
      }
    }

    @Override
    public void objectEnd(JsonFieldPath path) {}
  }
}
