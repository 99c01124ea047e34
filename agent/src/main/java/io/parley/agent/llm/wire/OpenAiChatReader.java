package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.agent.log.ParleyLog;

/**
 * Reads OpenAI Chat Completions ({@code POST /v1/chat/completions}) and compatible servers: the
 * {@code chat.completion} JSON, or the {@code chat.completion.chunk} SSE stream whose usage
 * arrives in a last chunk with empty {@code choices} when {@code stream_options.include_usage}
 * is set. {@code usage.prompt_tokens} already includes cached tokens.
 */
public final class OpenAiChatReader extends JsonWireReader {

  private final Fields fields = new Fields();
  private final ErrorFields error = new ErrorFields();
  private final FinishReasons finishReasons = new FinishReasons();
  private String id;
  private String model;
  private Long promptTokens;
  private Long completionTokens;
  private Long cachedTokens;
  private Long cacheHitTokens;
  private Long reasoningTokens;
  private boolean streamError;

  private final CapturedMessages output = new CapturedMessages();

  public OpenAiChatReader(ParleyLog log) {
    this(log, false);
  }

  /** @param captureContent collect prompt and completion text ({@code parley.capture.content}) */
  public OpenAiChatReader(ParleyLog log, boolean captureContent) {
    super("openai.chat", log, captureContent, PromptFields.openAiChat());
  }

  @Override
  protected String outputMessagesJson(ResponseSummary summary) {
    return output.messagesJson("assistant", true, null);
  }

  @Override
  protected JsonFieldScanner.Visitor bodyVisitor() {
    return fields;
  }

  @Override
  protected JsonFieldScanner.Visitor eventVisitor() {
    return fields;
  }

  @Override
  protected void afterEvent(String eventName, boolean complete) {
    if (error.present() || "error".equals(eventName)) {
      streamError = true;
      markFirstChunk();
    }
  }

  @Override
  protected ResponseSummary buildSummary() {
    Long cacheRead = cachedTokens != null ? cachedTokens : cacheHitTokens;
    String errorType = error.errorType();
    if (errorType == null && streamError) {
      errorType = "error";
    }
    return new ResponseSummary(
        model,
        id,
        finishReasons.toList(),
        promptTokens,
        completionTokens,
        cacheRead,
        null,
        reasoningTokens,
        errorType);
  }

  /** Paths of {@code chat.completion} and {@code chat.completion.chunk}; the same for both. */
  private final class Fields implements JsonFieldScanner.Visitor {
    private long choicePosition;
    private Long choiceIndex;
    private String choiceReason;

    @Override
    public boolean enter(JsonPath path, boolean array) {
      switch (path.depth()) {
        case 0:
          return !array;
        case 1:
          if (path.is("choices")) {
            choicePosition = 0;
            return array;
          }
          return path.is("usage") || path.is("x_groq") || error.enter(path, 0);
        case 2:
          if (path.is("choices", JsonPath.ELEMENT)) {
            choiceIndex = null;
            choiceReason = null;
            return true;
          }
          return path.is("usage", "prompt_tokens_details")
              || path.is("usage", "completion_tokens_details")
              || path.is("x_groq", "usage");
        case 3:
          if (path.is("choices", JsonPath.ELEMENT, "delta")) {
            return !array;
          }
          if (path.is("choices", JsonPath.ELEMENT, "message")) {
            return !array && capturing();
          }
          return path.is("x_groq", "usage", "prompt_tokens_details")
              || path.is("x_groq", "usage", "completion_tokens_details");
        case 4:
          if (path.nameAt(2, "delta")) {
            markFirstChunk(); // tool_calls, audio: content of another kind
          }
          return false;
        default:
          return false;
      }
    }

    @Override
    public void exit(JsonPath path, boolean array) {
      if (path.is("choices", JsonPath.ELEMENT)) {
        finishReasons.put(choice(), choiceReason);
        if (capturing() && choiceReason != null) {
          output.select(choice());
          output.finishReason(choiceReason);
        }
        choicePosition++;
      }
    }

    private long choice() {
      return choiceIndex != null ? choiceIndex : choicePosition;
    }

    /** Completion text and role of a choice's {@code message} (a body) or {@code delta} (a chunk). */
    private boolean captured(JsonPath path, JsonToken token, JsonParser parser) {
      if (!capturing() || path.depth() != 4 || !path.nameAt(0, "choices")) {
        return false;
      }
      boolean message = path.nameAt(2, "message");
      if (!message && !path.nameAt(2, "delta")) {
        return false;
      }
      if ("content".equals(path.last())) {
        output.select(choice());
        output.append(JsonValues.content(token, parser));
      } else if ("role".equals(path.last())) {
        output.select(choice());
        output.role(JsonValues.text(token, parser));
      }
      return message;
    }

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) {
      int base = path.startsWith("x_groq") ? 1 : 0;
      if (captured(path, token, parser)) {
        return; // a body's message: nothing else to read there
      }
      if (path.is("id")) {
        id = firstOf(id, JsonValues.text(token, parser));
      } else if (path.is("model")) {
        model = firstOf(model, JsonValues.text(token, parser));
      } else if (path.is("choices", JsonPath.ELEMENT, "index")) {
        choiceIndex = JsonValues.longValue(token, parser);
      } else if (path.is("choices", JsonPath.ELEMENT, "finish_reason")) {
        choiceReason = JsonValues.text(token, parser);
        if (choiceReason != null) {
          markFirstChunk();
        }
      } else if (path.depth() == 4 && path.nameAt(2, "delta")) {
        if (!"role".equals(path.last()) && hasContent(token, parser)) {
          markFirstChunk();
        }
      } else if (path.hasAt(base, "usage", "prompt_tokens")) {
        promptTokens = latest(promptTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "completion_tokens")) {
        completionTokens = latest(completionTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "prompt_cache_hit_tokens")) {
        cacheHitTokens = latest(cacheHitTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "prompt_tokens_details", "cached_tokens")) {
        cachedTokens = latest(cachedTokens, JsonValues.count(token, parser));
      } else if (path.hasAt(base, "usage", "completion_tokens_details", "reasoning_tokens")) {
        reasoningTokens = latest(reasoningTokens, JsonValues.count(token, parser));
      } else {
        error.value(path, 0, token, parser);
      }
    }
  }

  private static boolean hasContent(JsonToken token, JsonParser parser) {
    if (token == JsonToken.VALUE_NULL) {
      return false;
    }
    if (token != JsonToken.VALUE_STRING) {
      return true;
    }
    try {
      return parser.getTextLength() > 0;
    } catch (Exception e) {
      return false;
    }
  }
}
