package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import io.parley.agent.log.ParleyLog;
import java.io.IOException;
import java.util.ArrayList;
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

  private static final int MAX_CANDIDATES = 8;
  private static final int UNDECIDED = 0;
  private static final int JSON = 1;
  private static final int SSE = 2;

  private final ParleyLog log;
  private final String model;
  private final boolean stream;
  private final JsonFieldFeed responseFeed;
  private SseEventSplitter events;
  private int framing = UNDECIDED;
  private boolean firstChunkSeen;

  private String responseId;
  private String responseModel;
  private final String[] finishReasons = new String[MAX_CANDIDATES];
  private String candidateReason;
  private int candidateIndex;
  private final Usage readingUsage = new Usage();
  private Usage usage;
  private String errorStatus;
  private Long errorCode;
  private String errorType;

  /**
   * @param urlPath the request's path, e.g. {@code /v1beta/models/gemini-2.5-flash:generateContent}
   *     or Vertex AI's {@code /v1/projects/p/locations/l/publishers/google/models/m:...}
   */
  public GeminiReader(String urlPath) {
    this(urlPath, ParleyLog.get());
  }

  GeminiReader(String urlPath, ParleyLog log) {
    this.log = log;
    this.model = ModelFromPath.gemini(urlPath);
    this.stream = "streamGenerateContent".equals(ModelFromPath.geminiMethod(urlPath));
    this.responseFeed = new JsonFieldFeed(new ResponseFields(), true, log,
        "a Gemini response body");
  }

  @Override
  public void requestBytes(byte[] bytes, int offset, int length) {
    // the body names neither the model nor streaming: the URL says both
  }

  @Override
  public RequestSummary requestSummary() {
    return new RequestSummary(model, stream);
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
    if (!JsonFieldFeed.isChunk(bytes, offset, length)) {
      return;
    }
    if (framing == UNDECIDED) {
      framing = sniff(bytes, offset, length);
      if (framing == UNDECIDED) {
        return; // whitespace only so far
      }
    }
    if (framing == JSON) {
      responseFeed.feed(bytes, offset, length);
      return;
    }
    if (events == null) {
      events = new SseEventSplitter(new SseEventSplitter.EventSink() {
        @Override
        public void onEvent(String eventName, byte[] data, int dataOffset, int dataLength) {
          firstChunkSeen = true;
          responseFeed.restart();
          responseFeed.feed(data, dataOffset, dataLength);
          responseFeed.end();
        }
      });
    }
    events.feed(bytes, offset, length);
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
    List<String> reasons = new ArrayList<String>(1);
    for (String reason : finishReasons) {
      if (reason != null) {
        reasons.add(reason);
      }
    }
    Usage u = usage;
    return new ResponseSummary(
        responseModel,
        responseId,
        reasons,
        u == null ? null : orZero(u.prompt) + orZero(u.toolUsePrompt),
        u == null ? null : orZero(u.candidates) + orZero(u.thoughts),
        u == null ? null : u.cachedContent,
        null, // Gemini has no cache writes in a response: caches are created by their own API
        u == null ? null : u.thoughts,
        errorType);
  }

  private static long orZero(Long value) {
    return value == null ? 0L : value; // proto3 JSON leaves out zero counts
  }

  /** One {@code usageMetadata} object's counts. */
  private static final class Usage {
    Long prompt;
    Long toolUsePrompt;
    Long cachedContent;
    Long candidates;
    Long thoughts;

    void clear() {
      prompt = null;
      toolUsePrompt = null;
      cachedContent = null;
      candidates = null;
      thoughts = null;
    }

    Usage copy() {
      Usage copy = new Usage();
      copy.prompt = prompt;
      copy.toolUsePrompt = toolUsePrompt;
      copy.cachedContent = cachedContent;
      copy.candidates = candidates;
      copy.thoughts = thoughts;
      return copy;
    }
  }

  private final class ResponseFields implements JsonFieldFeed.Listener {
    @Override
    public void scalar(JsonFieldPath path, JsonParser parser) throws IOException {
      if (path.is("usageMetadata", "promptTokenCount")) {
        readingUsage.prompt = JsonFieldFeed.count(parser);
      } else if (path.is("usageMetadata", "cachedContentTokenCount")) {
        readingUsage.cachedContent = JsonFieldFeed.count(parser);
      } else if (path.is("usageMetadata", "candidatesTokenCount")) {
        readingUsage.candidates = JsonFieldFeed.count(parser);
      } else if (path.is("usageMetadata", "thoughtsTokenCount")) {
        readingUsage.thoughts = JsonFieldFeed.count(parser);
      } else if (path.is("usageMetadata", "toolUsePromptTokenCount")) {
        readingUsage.toolUsePrompt = JsonFieldFeed.count(parser);
      } else if (path.is("candidates", JsonFieldPath.ELEMENT, "finishReason")) {
        candidateReason = JsonFieldFeed.text(parser);
      } else if (path.is("candidates", JsonFieldPath.ELEMENT, "index")) {
        Long index = JsonFieldFeed.count(parser);
        candidateIndex = index == null || index >= MAX_CANDIDATES ? -1 : index.intValue();
      } else if (path.is("responseId")) {
        responseId = JsonFieldFeed.text(parser);
      } else if (path.is("modelVersion")) {
        responseModel = JsonFieldFeed.text(parser);
      } else if (path.is("error", "status")) {
        errorStatus = JsonFieldFeed.text(parser);
      } else if (path.is("error", "code")) {
        errorCode = JsonFieldFeed.count(parser);
      }
    }

    @Override
    public void objectStart(JsonFieldPath path) {
      if (path.isTop()) {
        firstChunkSeen = true;
      } else if (path.is("usageMetadata")) {
        readingUsage.clear();
      } else if (path.is("candidates", JsonFieldPath.ELEMENT)) {
        candidateReason = null;
        int position = path.innermostElementIndex();
        candidateIndex = position < MAX_CANDIDATES ? position : -1;
      } else if (path.is("error")) {
        errorStatus = null;
        errorCode = null;
      }
    }

    @Override
    public void objectEnd(JsonFieldPath path) {
      if (path.is("usageMetadata")) {
        usage = readingUsage.copy(); // only a complete object counts
      } else if (path.is("candidates", JsonFieldPath.ELEMENT)) {
        if (candidateReason != null && candidateIndex >= 0) {
          finishReasons[candidateIndex] = candidateReason;
        }
      } else if (path.is("error")) {
        errorType = errorStatus != null ? errorStatus
            : errorCode != null ? String.valueOf(errorCode) : "error";
      }
    }
  }
}
