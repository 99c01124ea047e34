package io.parley.instrumentation.springai.v1;

import java.util.ArrayList;
import java.util.List;

/**
 * What Spring AI's own {@code ChatResponse} objects say about a call: response model and id,
 * token usage, finish reasons. A call reads one response; a stream reads every chunk as it
 * passes, keeping the latest of each value (usage arrives with the last chunks).
 */
final class ChatResponseFacts {

  private String model;
  private String id;
  private Long inputTokens;
  private Long outputTokens;
  private String[] finishReasons;

  /** Reads one {@code ChatResponse} (a whole response, or a stream's chunk). */
  synchronized void read(Object chatResponse) {
    if (chatResponse == null) {
      return;
    }
    Object metadata = PublicMethods.get(chatResponse, "getMetadata");
    String m = PublicMethods.string(metadata, "getModel");
    if (m != null) {
      model = m;
    }
    String i = PublicMethods.string(metadata, "getId");
    if (i != null && !i.equals("NO_ID")) {
      id = i;
    }
    Object usage = PublicMethods.get(metadata, "getUsage");
    Long prompt = PublicMethods.number(usage, "getPromptTokens");
    Long completion = PublicMethods.number(usage, "getCompletionTokens");
    // Spring AI reports "no usage" as zeros
    if (prompt != null && completion != null && (prompt > 0 || completion > 0)) {
      inputTokens = prompt;
      outputTokens = completion;
    }
    Object results = PublicMethods.get(chatResponse, "getResults");
    if (results instanceof List) {
      List<String> reasons = new ArrayList<String>();
      for (Object generation : (List<?>) results) {
        String reason =
            PublicMethods.string(PublicMethods.get(generation, "getMetadata"), "getFinishReason");
        if (reason != null) {
          reasons.add(reason);
        }
      }
      if (!reasons.isEmpty()) {
        finishReasons = reasons.toArray(new String[0]);
      }
    }
  }

  synchronized String model() {
    return model;
  }

  synchronized String id() {
    return id;
  }

  synchronized Long inputTokens() {
    return inputTokens;
  }

  synchronized Long outputTokens() {
    return outputTokens;
  }

  synchronized String[] finishReasons() {
    return finishReasons == null ? null : finishReasons.clone();
  }
}
