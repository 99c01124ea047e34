package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.agent.log.ParleyLog;
import java.util.Collections;

/**
 * Reads Amazon Bedrock's Converse API ({@code POST /model/{modelId}/converse}): the model from
 * the URL, and from the JSON response {@code stopReason}, {@code usage} and
 * {@code metrics.latencyMs}. Bedrock's {@code inputTokens} leaves out cache reads and writes;
 * they are added back, so {@link ResponseSummary#inputTokens()} includes them. The binary
 * event stream of {@code converse-stream} is read message by message ({@link
 * AwsEventStreamDecoder}): {@code contentBlockDelta} events are the chunks, {@code messageStop}
 * gives the stop reason, {@code metadata} the usage and latency, an exception message the error.
 */
public final class BedrockConverseReader implements WireReader {

  private final UnreadableBodyLog unreadable;
  private final String model;
  private final boolean stream;
  private boolean eventStream;
  private AwsEventStreamDecoder events;
  /** Reads one event's JSON payload at a time. */
  private JsonFieldScanner eventFields;
  private JsonFieldScanner response;
  private boolean firstChunkSeen;
  private String stopReason;
  private Long inputTokens;
  private Long outputTokens;
  private Long cacheReadTokens;
  private Long cacheWriteTokens;
  private Long latencyMillis;
  private String errorType;
  private final PromptFields prompt;
  private final JsonFieldScanner request;
  private final CapturedMessages output;

  /** @param urlPath the request's path, {@code /model/{modelId}/converse} (a query is ignored) */
  public BedrockConverseReader(String urlPath) {
    this(urlPath, null);
  }

  /** @param log where an unreadable body is reported; null for the process-wide logger */
  public BedrockConverseReader(String urlPath, ParleyLog log) {
    this(urlPath, log, false);
  }

  /** @param captureContent collect prompt and completion text ({@code parley.capture.content}) */
  public BedrockConverseReader(String urlPath, ParleyLog log, boolean captureContent) {
    this.unreadable = new UnreadableBodyLog(log, "aws.bedrock.converse");
    this.model = ModelFromPath.bedrock(urlPath);
    this.stream = "converse-stream".equals(ModelFromPath.lastSegment(urlPath));
    this.prompt = captureContent ? new PromptFields("messages", "content", null, "system") : null;
    this.request =
        captureContent
            ? new JsonFieldScanner(prompt, CapturedMessages.SCANNER_STRING_BYTES)
            : null;
    this.output = captureContent ? new CapturedMessages() : null;
  }

  @Override
  public void requestBytes(byte[] bytes, int offset, int length) {
    // the Converse body names no model and no stream flag (the URL says both): only content
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
    eventStream = contentType != null && contentType.contains("eventstream");
  }

  @Override
  public void responseBytes(byte[] bytes, int offset, int length) {
    if (bytes == null || length <= 0 || offset < 0 || offset > bytes.length - length) {
      return;
    }
    if (eventStream) {
      readEvents(bytes, offset, length);
      return;
    }
    firstChunkSeen = true;
    if (response == null) {
      response =
          output == null
              ? new JsonFieldScanner(new ResponseFields())
              : new JsonFieldScanner(new ResponseFields(), CapturedMessages.SCANNER_STRING_BYTES);
    }
    response.feed(bytes, offset, length);
    if (response.failed()) {
      unreadable.report("response body", response.failure());
    }
  }

  private void readEvents(byte[] bytes, int offset, int length) {
    if (events == null) {
      events = new AwsEventStreamDecoder(new Events());
    }
    events.feed(bytes, offset, length);
    if (events.failure() != null) {
      unreadable.report("response event stream", events.failure());
    }
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
        errorType,
        output == null
            ? null
            : output.messagesJson("assistant", true, stopReason));
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

  /** The messages of a {@code converse-stream} response, each a small JSON object. */
  private final class Events implements AwsEventStreamDecoder.Listener {
    @Override
    public void message(
        String eventType, String exceptionType, byte[] payload, int offset, int length) {
      if (exceptionType != null) {
        errorType = capitalised(exceptionType);
        return;
      }
      if ("contentBlockDelta".equals(eventType)) {
        firstChunkSeen = true;
        if (output == null) {
          return; // the text is not wanted; its usage comes in metadata
        }
      } else if (!"messageStop".equals(eventType) && !"metadata".equals(eventType)) {
        return;
      }
      if (eventFields == null) {
        eventFields =
            output == null
                ? new JsonFieldScanner(new ResponseFields())
                : new JsonFieldScanner(new ResponseFields(), CapturedMessages.SCANNER_STRING_BYTES);
      } else {
        eventFields.reset();
      }
      eventFields.feed(payload, offset, length);
      eventFields.close();
      if (eventFields.failed()) {
        unreadable.report("response event " + eventType, eventFields.failure());
      }
    }
  }

  /** {@code throttlingException} (an event stream's exception type) as {@code ThrottlingException}. */
  private static String capitalised(String type) {
    String name = awsErrorName(type);
    return name == null ? null : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** Root {@code stopReason} and {@code __type}, {@code usage.*}, {@code metrics.latencyMs}. */
  private final class ResponseFields implements JsonFieldScanner.Visitor {
    @Override
    public boolean enter(JsonPath path, boolean array) {
      if (output != null && path.startsWith("output")) {
        // the completion: output.message.content[].text
        return path.is("output") || path.is("output", "message")
            ? !array
            : path.is("output", "message", "content")
                ? array
                : !array && path.is("output", "message", "content", JsonPath.ELEMENT);
      }
      if (output != null && path.is("delta")) {
        return !array; // a converse-stream contentBlockDelta: delta.text
      }
      return array ? false : path.depth() == 0 || path.is("usage") || path.is("metrics");
    }

    @Override
    public void exit(JsonPath path, boolean array) {}

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) {
      if (output != null && path.startsWith("output")) {
        if (path.is("output", "message", "role")) {
          output.select(0);
          output.role(JsonValues.text(token, parser));
        } else if (path.is("output", "message", "content", JsonPath.ELEMENT, "text")) {
          output.select(0);
          output.text(JsonValues.content(token, parser));
        }
        return;
      }
      if (output != null && path.is("delta", "text")) {
        output.select(0);
        output.role("assistant");
        output.append(JsonValues.content(token, parser));
        return;
      }
      if (path.is("stopReason")) {
        stopReason = JsonValues.text(token, parser);
      } else if (path.is("usage", "inputTokens")) {
        inputTokens = JsonValues.count(token, parser);
      } else if (path.is("usage", "outputTokens")) {
        outputTokens = JsonValues.count(token, parser);
      } else if (path.is("usage", "cacheReadInputTokens")) {
        cacheReadTokens = JsonValues.count(token, parser);
      } else if (path.is("usage", "cacheWriteInputTokens")) {
        cacheWriteTokens = JsonValues.count(token, parser);
      } else if (path.is("metrics", "latencyMs")) {
        latencyMillis = JsonValues.count(token, parser);
      } else if (path.is("__type")) {
        errorType = awsErrorName(JsonValues.text(token, parser));
      }
    }
  }
}
