package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonStreamContext;

/**
 * Where the parser stands in a JSON document, as the field names from the root down, with
 * {@link #ELEMENT} for an array element: {@code is("usage", "inputTokens")} matches only that
 * exact place, never a field of the same name nested in tool arguments. Reused between tokens.
 */
final class JsonFieldPath {

  /** The path segment of an array element. */
  static final String ELEMENT = "[]";

  private final boolean rootArrayTransparent;
  private JsonStreamContext context;

  /**
   * @param rootArrayTransparent whether the elements of a top-level array count as documents of
   *     their own (Gemini's {@code streamGenerateContent} without {@code alt=sse} sends one JSON
   *     array of responses)
   */
  JsonFieldPath(boolean rootArrayTransparent) {
    this.rootArrayTransparent = rootArrayTransparent;
  }

  JsonFieldPath at(JsonStreamContext context) {
    this.context = context;
    return this;
  }

  boolean is(String a) {
    JsonStreamContext c = context;
    return slotIs(c, a) && isTop(c.getParent());
  }

  boolean is(String a, String b) {
    JsonStreamContext c = context;
    if (!slotIs(c, b)) {
      return false;
    }
    c = c.getParent();
    return slotIs(c, a) && isTop(c.getParent());
  }

  boolean is(String a, String b, String c) {
    JsonStreamContext at = context;
    if (!slotIs(at, c)) {
      return false;
    }
    at = at.getParent();
    if (!slotIs(at, b)) {
      return false;
    }
    at = at.getParent();
    return slotIs(at, a) && isTop(at.getParent());
  }

  /** The index of the innermost array element the parser is in, or -1 outside arrays. */
  int innermostElementIndex() {
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.inArray()) {
        return c.getCurrentIndex();
      }
    }
    return -1;
  }

  /** Whether the parser stands at the top of a document (between its root-level values). */
  boolean isTop() {
    return isTop(context);
  }

  private static boolean slotIs(JsonStreamContext c, String segment) {
    if (c == null) {
      return false;
    }
    if (segment == ELEMENT) { // identity: ELEMENT is the one constant callers pass
      return c.inArray();
    }
    return c.inObject() && segment.equals(c.getCurrentName());
  }

  private boolean isTop(JsonStreamContext c) {
    if (c == null) {
      return false;
    }
    if (c.inRoot()) {
      return true;
    }
    return rootArrayTransparent && c.inArray() && c.getParent() != null
        && c.getParent().inRoot();
  }
}
