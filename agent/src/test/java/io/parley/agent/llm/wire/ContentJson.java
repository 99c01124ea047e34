package io.parley.agent.llm.wire;

/** Expected content attribute JSON, written out by hand so a test reads as the shape it wants. */
final class ContentJson {

  private ContentJson() {}

  /** {@code {"role":role,"parts":[text parts]}}, plus finish_reason when not null. */
  static String message(String role, String finishReason, String... texts) {
    StringBuilder sb = new StringBuilder("{\"role\":").append(quote(role)).append(",\"parts\":");
    sb.append(parts(texts));
    if (finishReason != null) {
      sb.append(",\"finish_reason\":").append(quote(finishReason));
    }
    return sb.append('}').toString();
  }

  /** {@code [{"type":"text","content":text}, ...]}. */
  static String parts(String... texts) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < texts.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"type\":\"text\",\"content\":").append(quote(texts[i])).append('}');
    }
    return sb.append(']').toString();
  }

  /** A JSON array of already written values. */
  static String array(String... values) {
    return "[" + String.join(",", values) + "]";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
