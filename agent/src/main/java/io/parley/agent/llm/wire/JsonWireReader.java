package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.agent.log.ParleyLog;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Base of the readers for APIs with a JSON request and a response that is either one JSON
 * document or server-sent events carrying JSON: reads the request's root {@code model} and
 * {@code stream}, tells the two response framings apart (content type, else the first byte),
 * and hands each JSON value to the subclass as it is parsed. Never throws.
 */
public abstract class JsonWireReader implements WireReader {

  private static final int UNDECIDED = 0;
  private static final int JSON = 1;
  private static final int SSE = 2;
  private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

  private final String api;
  private final ParleyLog log;
  private final boolean capture;
  private final int maxStringBytes;
  private final JsonFieldScanner request;
  private String requestModel;
  private boolean requestStream;
  private final PromptFields prompt; // null: no prompt to read, or read by the subclass
  private boolean requestSeen;
  private boolean requestDone;

  private JsonFieldScanner body;
  private SseEventSplitter splitter;
  private JsonFieldScanner event;
  private int status;
  private int mode = UNDECIDED;
  private boolean firstChunk;
  private boolean bodyDone;
  private boolean malformedLogged;
  private boolean broken;

  /** @param api short name used in log lines, e.g. {@code openai.chat} */
  protected JsonWireReader(String api, ParleyLog log) {
    this(api, log, false);
  }

  /**
   * @param captureContent whether to collect prompt and completion text
   *     ({@code parley.capture.content}); without it no text is ever kept
   */
  protected JsonWireReader(String api, ParleyLog log, boolean captureContent) {
    this(api, log, captureContent, null);
  }

  /**
   * @param captureContent whether to collect prompt and completion text
   * @param prompt where the API's request keeps the prompt, read only with {@code captureContent};
   *     null when a subclass reads the prompt itself
   */
  protected JsonWireReader(
      String api, ParleyLog log, boolean captureContent, PromptFields prompt) {
    this.prompt = prompt;
    this.api = api;
    this.log = log == null ? ParleyLog.get() : log;
    this.capture = captureContent;
    this.maxStringBytes =
        captureContent
            ? CapturedMessages.SCANNER_STRING_BYTES
            : JsonFieldScanner.DEFAULT_MAX_STRING_BYTES;
    this.request = new JsonFieldScanner(new RequestFields(), maxStringBytes);
  }

  /** True when prompt and completion text are collected ({@code parley.capture.content}). */
  protected final boolean capturing() {
    return capture;
  }

  /**
   * With content capture on, visits the request body below its root (the root's {@code model}
   * and {@code stream} are read here); null when the API has no content to read.
   */
  protected JsonFieldScanner.Visitor requestContentVisitor() {
    return prompt;
  }

  /** With content capture on: {@code gen_ai.input.messages} JSON, or null. */
  protected String inputMessagesJson() {
    return prompt == null ? null : prompt.inputMessagesJson();
  }

  /** With content capture on: {@code gen_ai.system_instructions} JSON, or null. */
  protected String systemInstructionsJson() {
    return prompt == null ? null : prompt.systemInstructionsJson();
  }

  /** The first finish reason of {@code summary}, or null: the one of a single-choice API. */
  protected static String firstFinishReason(ResponseSummary summary) {
    return summary.finishReasons().isEmpty() ? null : summary.finishReasons().get(0);
  }

  /** With content capture on: {@code gen_ai.output.messages} JSON for {@code summary}, or null. */
  protected String outputMessagesJson(ResponseSummary summary) {
    return null;
  }

  /** Visits the values of a whole (non-streamed) JSON response body. */
  protected abstract JsonFieldScanner.Visitor bodyVisitor();

  /** Visits the values of one SSE event's JSON data. */
  protected abstract JsonFieldScanner.Visitor eventVisitor();

  /** Called before an SSE event's data is parsed. */
  protected void beforeEvent(String eventName) {}

  /** Called after an SSE event's data was parsed; {@code complete} is false if malformed. */
  protected void afterEvent(String eventName, boolean complete) {}

  /** Builds the summary from what the subclass collected. */
  protected abstract ResponseSummary buildSummary();

  /** The response status given to {@link #responseHead}, or 0 before it. */
  protected final int status() {
    return status;
  }

  /** True when the response turned out to be server-sent events. */
  protected final boolean streamed() {
    return mode == SSE;
  }

  /** The value already held if any, else {@code next}: for ids and models seen repeatedly. */
  protected static String firstOf(String current, String next) {
    return current != null ? current : next;
  }

  /** {@code next} unless it is null: for cumulative counts, the last reported wins. */
  protected static Long latest(Long current, Long next) {
    return next != null ? next : current;
  }

  /** Marks the time-to-first-chunk moment (for streams: the first content event). */
  protected final void markFirstChunk() {
    firstChunk = true;
  }

  @Override
  public final void requestBytes(byte[] bytes, int offset, int length) {
    if (broken || requestDone || length <= 0) {
      return;
    }
    try {
      requestSeen = true;
      request.feed(bytes, offset, length);
      if (request.completedRootValues() > 0) {
        requestDone = true; // the body's object is complete: hand the parser's buffers back
        request.close();
      }
    } catch (RuntimeException e) {
      broke(e);
    }
  }

  @Override
  public final RequestSummary requestSummary() {
    if (!requestSeen || (request.failed() && requestModel == null)) {
      if (request.failed()) {
        malformed("request body", request.failure());
      }
      return null;
    }
    if (!capture) {
      return new RequestSummary(requestModel, requestStream);
    }
    return new RequestSummary(
        requestModel, requestStream, inputMessagesJson(), systemInstructionsJson());
  }

  @Override
  public final void responseHead(int status, String contentType) {
    this.status = status;
    if (contentType != null && mode == UNDECIDED) {
      String type = contentType.toLowerCase(Locale.ROOT);
      if (type.contains("event-stream")) {
        mode = SSE;
      } else if (type.contains("json")) {
        mode = JSON;
      }
    }
  }

  @Override
  public final void responseBytes(byte[] bytes, int offset, int length) {
    if (broken || bytes == null || length <= 0 || offset < 0 || offset > bytes.length - length) {
      return;
    }
    try {
      if (mode == UNDECIDED) {
        int i = offset;
        int end = offset + length;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r'
            || bytes[i] == '\t')) {
          i++;
        }
        if (i == end) {
          return; // leading whitespace means nothing in either framing
        }
        mode = bytes[i] == '{' || bytes[i] == '[' ? JSON : SSE;
      }
      if (mode == JSON) {
        firstChunk = true;
        if (bodyDone) {
          return;
        }
        if (body == null) {
          body = new JsonFieldScanner(bodyVisitor(), maxStringBytes);
        }
        body.feed(bytes, offset, length);
        if (body.failed()) {
          malformed("response body", body.failure());
        }
        if (body.completedRootValues() > 0) {
          bodyDone = true;
          body.close();
        }
      } else {
        if (splitter == null) {
          splitter = new SseEventSplitter(this::onEvent);
          event = new JsonFieldScanner(eventVisitor(), maxStringBytes);
        }
        splitter.feed(bytes, offset, length);
      }
    } catch (RuntimeException e) {
      broke(e);
    }
  }

  @Override
  public final boolean firstChunkSeen() {
    return firstChunk;
  }

  @Override
  public final ResponseSummary summary() {
    try {
      ResponseSummary summary = buildSummary();
      return capture ? summary.withOutputMessages(outputMessagesJson(summary)) : summary;
    } catch (RuntimeException e) {
      broke(e);
      return new ResponseSummary(null, null, null, null, null, null, null, null, null);
    }
  }

  private void onEvent(String name, byte[] data, int offset, int length) {
    if (isDone(data, offset, length)) {
      return;
    }
    event.reset();
    beforeEvent(name);
    event.feed(data, offset, length);
    event.endOfInput();
    boolean complete = !event.failed() && event.betweenRootValues();
    if (!complete) {
      malformed("SSE event", event.failed() ? event.failure() : "truncated JSON");
    }
    event.close();
    afterEvent(name, complete);
  }

  private static boolean isDone(byte[] data, int offset, int length) {
    int start = offset;
    int end = offset + length;
    while (start < end && data[start] == ' ') {
      start++;
    }
    while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\n')) {
      end--;
    }
    if (end - start != DONE.length) {
      return false;
    }
    for (int i = 0; i < DONE.length; i++) {
      if (data[start + i] != DONE[i]) {
        return false;
      }
    }
    return true;
  }

  private void malformed(String what, String why) {
    if (malformedLogged) {
      return;
    }
    malformedLogged = true;
    log.warnRateLimited(
        "wire.malformed." + api,
        1,
        TimeUnit.MINUTES,
        "unreadable " + api + " " + what + " (" + why + "); its fields are left out");
  }

  private void broke(RuntimeException e) {
    broken = true;
    log.warnRateLimited(
        "wire.bug." + api,
        1,
        TimeUnit.MINUTES,
        api + " wire reader stopped on " + e.getClass().getName() + "; fields left out");
  }

  /**
   * The root {@code model} and {@code stream} of the request; everything nested is skipped unless
   * content is captured, when the subclass's content visitor sees it.
   */
  private final class RequestFields implements JsonFieldScanner.Visitor {
    private JsonFieldScanner.Visitor content;
    private boolean contentAsked;

    private JsonFieldScanner.Visitor content() {
      if (!contentAsked) {
        contentAsked = true;
        content = capture ? requestContentVisitor() : null;
      }
      return content;
    }

    @Override
    public boolean enter(JsonPath path, boolean array) {
      if (path.depth() == 0) {
        return !array;
      }
      JsonFieldScanner.Visitor visitor = content();
      return visitor != null && visitor.enter(path, array);
    }

    @Override
    public void exit(JsonPath path, boolean array) {
      if (path.depth() > 0 && content() != null) {
        content().exit(path, array);
      }
    }

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) throws IOException {
      if (path.is("model")) {
        requestModel = JsonValues.text(token, parser);
      } else if (path.is("stream")) {
        requestStream = Boolean.TRUE.equals(JsonValues.bool(token));
      } else if (path.depth() > 0 && content() != null) {
        content().value(path, token, parser);
      }
    }
  }
}
