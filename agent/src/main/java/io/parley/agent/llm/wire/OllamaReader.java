package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.agent.log.ParleyLog;
import java.io.IOException;
import java.util.Collections;

/**
 * Reads Ollama's native {@code /api/chat} and {@code /api/generate}: the request's {@code model}
 * and {@code stream} (which Ollama defaults to true), and the response's final {@code done} object
 * ({@code done_reason}, {@code prompt_eval_count}, {@code eval_count}), whether streamed as
 * newline-delimited JSON or sent as one object. A malformed line is skipped, not fatal.
 */
public final class OllamaReader implements WireReader {

  /** The {@code error.type} for an error object in a successful (2xx) response. */
  static final String BODY_ERROR = "error";

  private final ParleyLog log;
  private final JsonFieldFeed requestFeed;
  private boolean requestSeen;
  private String requestModel;
  private boolean requestStream = true;

  private int status;
  private boolean newlineDelimited = true;
  private JsonFieldFeed responseFeed;
  private boolean firstChunkSeen;
  private String responseModel;
  private String doneReason;
  private Long promptEvalCount;
  private Long evalCount;
  private boolean errorSeen;

  public OllamaReader() {
    this(ParleyLog.get());
  }

  OllamaReader(ParleyLog log) {
    this.log = log;
    this.requestFeed = new JsonFieldFeed(new RequestFields(), false, log, "an Ollama request body");
  }

  @Override
  public void requestBytes(byte[] bytes, int offset, int length) {
    if (JsonFieldFeed.isChunk(bytes, offset, length)) {
      requestSeen = true;
      requestFeed.feed(bytes, offset, length);
    }
  }

  @Override
  public RequestSummary requestSummary() {
    if (!requestSeen || (requestModel == null && requestFeed.failed())) {
      return null;
    }
    return new RequestSummary(requestModel, requestStream);
  }

  @Override
  public void responseHead(int status, String contentType) {
    this.status = status;
    // NDJSON when streamed; one object (maybe pretty-printed by a proxy) when application/json
    newlineDelimited = contentType == null || contentType.contains("ndjson")
        || !contentType.contains("json");
  }

  @Override
  public void responseBytes(byte[] bytes, int offset, int length) {
    if (!JsonFieldFeed.isChunk(bytes, offset, length)) {
      return;
    }
    if (responseFeed == null) {
      responseFeed = new JsonFieldFeed(new ResponseFields(), false, log,
          newlineDelimited ? "an Ollama response line" : "an Ollama response body");
    }
    if (!newlineDelimited) {
      responseFeed.feed(bytes, offset, length);
      return;
    }
    int end = offset + length;
    int lineStart = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        responseFeed.feed(bytes, lineStart, i - lineStart); // ignored once the line is malformed
        responseFeed.end();
        responseFeed.restart();
        lineStart = i + 1;
      }
    }
    responseFeed.feed(bytes, lineStart, end - lineStart);
  }

  @Override
  public boolean firstChunkSeen() {
    return firstChunkSeen;
  }

  @Override
  public ResponseSummary summary() {
    return new ResponseSummary(
        responseModel,
        null, // Ollama gives no response id
        doneReason == null ? null : Collections.singletonList(doneReason),
        promptEvalCount,
        evalCount,
        null,
        null,
        null,
        errorSeen && (status < 400) ? BODY_ERROR : null);
  }

  private static <T> T orElse(T value, T previous) {
    return value != null ? value : previous;
  }

  private final class RequestFields implements JsonFieldFeed.Listener {
    @Override
    public void scalar(JsonFieldPath path, JsonParser parser) throws IOException {
      if (path.is("model")) {
        requestModel = JsonFieldFeed.text(parser);
      } else if (path.is("stream")) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_TRUE) {
          requestStream = token == JsonToken.VALUE_TRUE;
        }
      }
    }

    @Override
    public void objectStart(JsonFieldPath path) {}

    @Override
    public void objectEnd(JsonFieldPath path) {}
  }

  private final class ResponseFields implements JsonFieldFeed.Listener {
    @Override
    public void scalar(JsonFieldPath path, JsonParser parser) throws IOException {
      // a value of the wrong type leaves what an earlier line said
      if (path.is("model")) {
        responseModel = orElse(JsonFieldFeed.text(parser), responseModel);
      } else if (path.is("done_reason")) {
        doneReason = orElse(JsonFieldFeed.text(parser), doneReason);
      } else if (path.is("prompt_eval_count")) {
        promptEvalCount = orElse(JsonFieldFeed.count(parser), promptEvalCount);
      } else if (path.is("eval_count")) {
        evalCount = orElse(JsonFieldFeed.count(parser), evalCount);
      } else if (path.is("error")) {
        errorSeen = true;
      }
    }

    @Override
    public void objectStart(JsonFieldPath path) {
      if (path.isTop()) {
        firstChunkSeen = true;
      } else if (path.is("error")) {
        errorSeen = true;
      }
    }

    @Override
    public void objectEnd(JsonFieldPath path) {}
  }
}
