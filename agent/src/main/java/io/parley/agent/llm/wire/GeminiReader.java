package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.agent.log.ParleyLog;
import java.util.List;

/**
 * Reads Google Gemini's {@code models/{model}:generateContent} (one JSON response) and
 * {@code :streamGenerateContent} (server-sent events with {@code alt=sse}, else a JSON array of
 * responses). The model and the stream flag come from the URL. Usage is cumulative across chunks,
 * so the last complete {@code usageMetadata} wins. Input tokens are {@code promptTokenCount}
 * (which already includes cached content) plus {@code toolUsePromptTokenCount}; output tokens are
 * {@code candidatesTokenCount} plus {@code thoughtsTokenCount}, since thoughts are billed as
 * output; the thoughts alone are also reported as reasoning tokens.
 */
public final class GeminiReader implements WireReader {

  private static final int UNDECIDED = 0;
  private static final int JSON = 1;
  private static final int SSE = 2;

  private final UnreadableBodyLog unreadable;
  private final String model;
  private final boolean stream;
  private final JsonFieldScanner response;
  private final PromptFields prompt;
  private final JsonFieldScanner request;
  private final CapturedMessages output;
  private SseEventSplitter events;
  private int framing = UNDECIDED;
  private boolean firstChunkSeen;

  /** 1 inside a JSON array of responses (a stream without alt=sse): fields sit one deeper. */
  private int base;
  private String responseId;
  private String responseModel;
  private final FinishReasons finishReasons = new FinishReasons();
  private int candidatePosition;
  private long candidateIndex;
  private String candidateReason;
  private final GeminiUsage readingUsage = new GeminiUsage();
  private GeminiUsage usage;
  private String errorStatus;
  private String errorCode;
  private String errorType;

  /**
   * @param urlPath the request's path, e.g. {@code /v1beta/models/gemini-2.5-flash:generateContent}
   *     or Vertex AI's {@code /v1/projects/p/locations/l/publishers/google/models/m:...}
   */
  public GeminiReader(String urlPath) {
    this(urlPath, null);
  }

  /** @param log where an unreadable body is reported; null for the process-wide logger */
  public GeminiReader(String urlPath, ParleyLog log) {
    this(urlPath, log, false);
  }

  /** @param captureContent collect prompt and completion text ({@code parley.capture.content}) */
  public GeminiReader(String urlPath, ParleyLog log, boolean captureContent) {
    this.unreadable = new UnreadableBodyLog(log, "gcp.gemini");
    this.model = ModelFromPath.gemini(urlPath);
    this.stream = "streamGenerateContent".equals(ModelFromPath.geminiMethod(urlPath));
    if (captureContent) {
      prompt = new PromptFields("contents", "parts", null, "systemInstruction", "system_instruction");
      request = new JsonFieldScanner(prompt, CapturedMessages.SCANNER_STRING_BYTES);
      output = new CapturedMessages();
      response = new JsonFieldScanner(new ResponseFields(), CapturedMessages.SCANNER_STRING_BYTES);
    } else {
      prompt = null;
      request = null;
      output = null;
      response = new JsonFieldScanner(new ResponseFields());
    }
  }

  @Override
  public void requestBytes(byte[] bytes, int offset, int length) {
    // the body names neither the model nor streaming (the URL says both): only content is read
    if (request != null && request.completedRootValues() == 0) {
      request.feed(bytes, offset, length);
      if (request.completedRootValues() > 0 || request.failed()) {
        request.close();
      }
    }
  }

  @Override
  public RequestSummary requestSummary() {
    if (prompt == null) {
      return new RequestSummary(model, stream);
    }
    return new RequestSummary(
        model, stream, prompt.inputMessagesJson(), prompt.systemInstructionsJson());
  }

  @Override
  public void responseHead(int status, String contentType) {
    if (contentType != null && contentType.contains("event-stream")) {
      framing = SSE;
    } else if (contentType != null && contentType.contains("json")) {
      framing = JSON;
    }
  }

  @Override
  public void responseBytes(byte[] bytes, int offset, int length) {
    if (bytes == null || length <= 0 || offset < 0 || offset > bytes.length - length) {
      return;
    }
    if (framing == UNDECIDED) {
      framing = sniff(bytes, offset, length);
      if (framing == UNDECIDED) {
        return; // whitespace only so far
      }
    }
    if (framing == JSON) {
      firstChunkSeen = true;
      response.feed(bytes, offset, length);
      if (response.failed()) {
        unreadable.report("response body", response.failure());
      }
      return;
    }
    if (events == null) {
      events = new SseEventSplitter(this::onEvent);
    }
    events.feed(bytes, offset, length);
  }

  private void onEvent(String eventName, byte[] data, int offset, int length) {
    response.reset();
    response.feed(data, offset, length);
    response.endOfInput();
    if (response.failed() || !response.betweenRootValues()) {
      unreadable.report("SSE event", response.failed() ? response.failure() : "truncated JSON");
    }
    response.close();
  }

  /** JSON when the body opens with an object or array, SSE otherwise (no usable content type). */
  private static int sniff(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '{' || b == '[' ? JSON : SSE;
      }
    }
    return UNDECIDED;
  }

  @Override
  public boolean firstChunkSeen() {
    return firstChunkSeen;
  }

  @Override
  public ResponseSummary summary() {
    GeminiUsage u = usage;
    List<String> reasons = finishReasons.toList();
    return new ResponseSummary(
        responseModel,
        responseId,
        reasons,
        u == null ? null : u.inputTokens(),
        u == null ? null : u.outputTokens(),
        u == null ? null : u.cachedContent,
        null, // no cache writes in a response: caches are created through their own API
        u == null ? null : u.thoughts,
        errorType,
        output == null ? null : output.messagesJson("assistant", true, null));
  }

  /** The fields of one GenerateContentResponse, at {@link #base}; content parts are skipped. */
  private final class ResponseFields implements JsonFieldScanner.Visitor {
    @Override
    public boolean enter(JsonPath path, boolean array) {
      if (path.depth() == 0) {
        base = array ? 1 : 0;
        return true;
      }
      if (path.depth() == base) {
        return !array; // an element of the root array
      }
      if (path.hasAt(base, "candidates")) {
        candidatePosition = -1;
        return array;
      }
      if (path.hasAt(base, "candidates", JsonPath.ELEMENT)) {
        candidatePosition++;
        candidateIndex = candidatePosition;
        candidateReason = null;
        return !array;
      }
      if (path.hasAt(base, "candidates", JsonPath.ELEMENT, "content")) {
        firstChunkSeen = true; // the first content chunk of a stream
        return output != null && !array;
      }
      if (path.hasAt(base, "candidates", JsonPath.ELEMENT, "content", "parts")) {
        return array;
      }
      if (path.depth() == base + 5 && path.nameAt(base + 3, "parts")) {
        return !array; // candidates[].content.parts[]: the parts' text is read
      }
      if (path.hasAt(base, "usageMetadata")) {
        readingUsage.clear();
        return !array;
      }
      if (path.hasAt(base, "error")) {
        errorStatus = null;
        errorCode = null;
        return !array;
      }
      return false;
    }

    @Override
    public void exit(JsonPath path, boolean array) {
      if (path.hasAt(base, "usageMetadata")) {
        usage = readingUsage.copy(); // only a complete object counts
      } else if (path.hasAt(base, "candidates", JsonPath.ELEMENT)) {
        finishReasons.put(candidateIndex, candidateReason);
        if (output != null && candidateReason != null) {
          output.select(candidateIndex);
          output.finishReason(candidateReason);
        }
      } else if (path.hasAt(base, "error")) {
        errorType = errorStatus != null ? errorStatus : errorCode != null ? errorCode : "error";
      }
    }

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) {
      if (path.depth() == base + 6
          && path.nameAt(base, "candidates")
          && path.nameAt(base + 2, "content")
          && "text".equals(path.last())) {
        output.select(candidatePosition); // text comes before the candidate's index
        output.append(JsonValues.content(token, parser));
      } else if (path.depth() == base + 2 && path.nameAt(base, "usageMetadata")) {
        readingUsage.set(path.last(), JsonValues.count(token, parser));
      } else if (path.hasAt(base, "candidates", JsonPath.ELEMENT, "finishReason")) {
        candidateReason = JsonValues.text(token, parser);
      } else if (path.hasAt(base, "candidates", JsonPath.ELEMENT, "index")) {
        Long index = JsonValues.longValue(token, parser);
        candidateIndex = index == null ? -1 : index;
      } else if (path.hasAt(base, "responseId")) {
        responseId = JsonValues.text(token, parser);
      } else if (path.hasAt(base, "modelVersion")) {
        responseModel = JsonValues.text(token, parser);
      } else if (path.hasAt(base, "error", "status")) {
        errorStatus = JsonValues.text(token, parser);
      } else if (path.hasAt(base, "error", "code")) {
        errorCode = JsonValues.textOrNumber(token, parser);
      }
    }
  }
}
