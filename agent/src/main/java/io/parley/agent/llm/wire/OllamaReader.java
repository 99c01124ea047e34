package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.agent.log.ParleyLog;
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

  private final UnreadableBodyLog unreadable;
  private final JsonFieldScanner request;
  private final int maxStringBytes;
  private final PromptFields prompt;
  private final CapturedMessages output;
  private boolean requestSeen;
  private String requestModel;
  private boolean requestStream = true;

  private int status;
  private boolean newlineDelimited = true;
  private JsonFieldScanner response;
  private boolean firstChunkSeen;
  private String responseModel;
  private String doneReason;
  private Long promptEvalCount;
  private Long evalCount;
  private boolean errorSeen;

  public OllamaReader() {
    this(null);
  }

  /** @param log where an unreadable body is reported; null for the process-wide logger */
  public OllamaReader(ParleyLog log) {
    this(log, false);
  }

  /** @param captureContent collect prompt and completion text ({@code parley.capture.content}) */
  public OllamaReader(ParleyLog log, boolean captureContent) {
    this.unreadable = new UnreadableBodyLog(log, "ollama");
    this.prompt = captureContent ? new PromptFields("messages", "content", "prompt", "system") : null;
    this.output = captureContent ? new CapturedMessages() : null;
    this.maxStringBytes =
        captureContent
            ? CapturedMessages.SCANNER_STRING_BYTES
            : JsonFieldScanner.DEFAULT_MAX_STRING_BYTES;
    this.request = new JsonFieldScanner(new RequestFields(), maxStringBytes);
  }

  @Override
  public void requestBytes(byte[] bytes, int offset, int length) {
    if (isChunk(bytes, offset, length)) {
      requestSeen = true;
      request.feed(bytes, offset, length);
    }
  }

  @Override
  public RequestSummary requestSummary() {
    if (request.failed()) {
      unreadable.report("request body", request.failure());
    }
    if (!requestSeen || (requestModel == null && request.failed())) {
      return null;
    }
    if (prompt == null) {
      return new RequestSummary(requestModel, requestStream);
    }
    return new RequestSummary(
        requestModel, requestStream, prompt.inputMessagesJson(), prompt.systemInstructionsJson());
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
    if (!isChunk(bytes, offset, length)) {
      return;
    }
    if (response == null) {
      response = new JsonFieldScanner(new ResponseFields(), maxStringBytes);
    }
    if (!newlineDelimited) {
      response.feed(bytes, offset, length);
      if (response.failed()) {
        unreadable.report("response body", response.failure());
      }
      return;
    }
    int end = offset + length;
    int lineStart = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        response.feed(bytes, lineStart, i - lineStart); // ignored once the line proved malformed
        response.endOfInput();
        if (response.failed()) {
          unreadable.report("response line", response.failure());
        }
        response.reset();
        lineStart = i + 1;
      }
    }
    response.feed(bytes, lineStart, end - lineStart);
  }

  private static boolean isChunk(byte[] bytes, int offset, int length) {
    return bytes != null && length > 0 && offset >= 0 && offset <= bytes.length - length;
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
        errorSeen && status < 400 ? BODY_ERROR : null,
        output == null ? null : output.messagesJson("assistant", true, doneReason));
  }

  private static <T> T orElse(T value, T previous) {
    return value != null ? value : previous;
  }

  /**
   * The root {@code model} and {@code stream}; messages, images and options are skipped unless
   * content is captured, when the prompt's text is read too.
   */
  private final class RequestFields implements JsonFieldScanner.Visitor {
    @Override
    public boolean enter(JsonPath path, boolean array) {
      if (path.depth() == 0) {
        return !array;
      }
      return prompt != null && prompt.enter(path, array);
    }

    @Override
    public void exit(JsonPath path, boolean array) {}

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) {
      if (prompt != null) {
        prompt.value(path, token, parser);
      }
      if (path.is("model")) {
        requestModel = JsonValues.text(token, parser);
      } else if (path.is("stream")) {
        Boolean stream = JsonValues.bool(token);
        requestStream = stream == null || stream; // absent or null: Ollama streams
      }
    }
  }

  /**
   * The root fields of each line (or of the one object); the completion text ({@code
   * message.content} of a chat, {@code response} of a generation) only when content is captured.
   */
  private final class ResponseFields implements JsonFieldScanner.Visitor {
    @Override
    public boolean enter(JsonPath path, boolean array) {
      if (path.depth() == 0) {
        firstChunkSeen = true;
        return !array;
      }
      errorSeen |= path.is("error");
      return output != null && !array && path.is("message");
    }

    @Override
    public void exit(JsonPath path, boolean array) {}

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) {
      if (output != null) {
        if (path.is("message", "content") || path.is("response")) {
          output.select(0);
          output.append(JsonValues.content(token, parser));
          return;
        }
        if (path.is("message", "role")) {
          output.select(0);
          output.role(JsonValues.text(token, parser));
          return;
        }
      }
      // a value of the wrong type leaves what an earlier line said
      if (path.is("model")) {
        responseModel = orElse(JsonValues.text(token, parser), responseModel);
      } else if (path.is("done_reason")) {
        doneReason = orElse(JsonValues.text(token, parser), doneReason);
      } else if (path.is("prompt_eval_count")) {
        promptEvalCount = orElse(JsonValues.count(token, parser), promptEvalCount);
      } else if (path.is("eval_count")) {
        evalCount = orElse(JsonValues.count(token, parser), evalCount);
      } else if (path.is("error")) {
        errorSeen = true;
      }
    }
  }
}
