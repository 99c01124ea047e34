package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.agent.log.ParleyLog;

/**
 * Reads OpenAI Embeddings ({@code POST /v1/embeddings}): {@code model} and
 * {@code usage.prompt_tokens}; the {@code data} vectors are skipped as they stream past, so a
 * response of any size costs no memory.
 */
public final class OpenAiEmbeddingsReader extends JsonWireReader {

  private final Fields fields = new Fields();
  private final ErrorFields error = new ErrorFields();
  private String model;
  private Long promptTokens;

  public OpenAiEmbeddingsReader(ParleyLog log) {
    super("openai.embeddings", log);
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
  protected ResponseSummary buildSummary() {
    return new ResponseSummary(
        model, null, null, promptTokens, null, null, null, null, error.errorType());
  }

  /** Root {@code model}, {@code usage} and {@code error}; {@code data} is skipped unread. */
  private final class Fields implements JsonFieldScanner.Visitor {

    @Override
    public boolean enter(JsonPath path, boolean array) {
      if (path.depth() == 0) {
        return !array;
      }
      return !array && (path.is("usage") || error.enter(path, 0));
    }

    @Override
    public void exit(JsonPath path, boolean array) {}

    @Override
    public void value(JsonPath path, JsonToken token, JsonParser parser) {
      if (path.is("model")) {
        model = JsonValues.text(token, parser);
      } else if (path.is("usage", "prompt_tokens")) {
        promptTokens = JsonValues.count(token, parser);
      } else {
        error.value(path, 0, token, parser);
      }
    }
  }
}
