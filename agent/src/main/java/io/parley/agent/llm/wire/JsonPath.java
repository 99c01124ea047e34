package io.parley.agent.llm.wire;

/**
 * Where a {@link JsonFieldScanner} stands: the field names from the root to the current value,
 * with {@link #ELEMENT} for an array element. A view that changes as the scan moves; never keep
 * it past a callback.
 */
public final class JsonPath {

  /** An array element's name: {@code choices[].finish_reason} is (choices, ELEMENT, finish_reason). */
  public static final String ELEMENT = "[]";

  final String[] names;
  int depth;

  JsonPath(int maxDepth) {
    this.names = new String[maxDepth];
  }

  /** Number of names: 0 at the root value, 1 for a field of the root object, and so on. */
  public int depth() {
    return depth;
  }

  /** The name at {@code level} (0-based from the root). */
  public String name(int level) {
    return level >= 0 && level < depth ? names[level] : null;
  }

  /** The last name, or null at the root. */
  public String last() {
    return depth == 0 ? null : names[depth - 1];
  }

  public boolean is(String a) {
    return depth == 1 && a.equals(names[0]);
  }

  public boolean is(String a, String b) {
    return depth == 2 && a.equals(names[0]) && b.equals(names[1]);
  }

  public boolean is(String a, String b, String c) {
    return depth == 3 && a.equals(names[0]) && b.equals(names[1]) && c.equals(names[2]);
  }

  public boolean is(String a, String b, String c, String d) {
    return depth == 4
        && a.equals(names[0])
        && b.equals(names[1])
        && c.equals(names[2])
        && d.equals(names[3]);
  }

  public boolean is(String a, String b, String c, String d, String e) {
    return depth == 5 && is4(0, a, b, c, d) && e.equals(names[4]);
  }

  private boolean is4(int base, String a, String b, String c, String d) {
    return a.equals(names[base])
        && b.equals(names[base + 1])
        && c.equals(names[base + 2])
        && d.equals(names[base + 3]);
  }

  /** Whether the path is {@code base} names deep plus exactly {@code a}. */
  public boolean hasAt(int base, String a) {
    return depth == base + 1 && a.equals(names[base]);
  }

  /** Whether the path is {@code base} names deep plus exactly {@code a}, {@code b}. */
  public boolean hasAt(int base, String a, String b) {
    return depth == base + 2 && a.equals(names[base]) && b.equals(names[base + 1]);
  }

  /** Whether the path is {@code base} names deep plus exactly {@code a}, {@code b}, {@code c}. */
  public boolean hasAt(int base, String a, String b, String c) {
    return depth == base + 3
        && a.equals(names[base])
        && b.equals(names[base + 1])
        && c.equals(names[base + 2]);
  }

  /** Whether the path is {@code base} names deep plus exactly {@code a} to {@code d}. */
  public boolean hasAt(int base, String a, String b, String c, String d) {
    return depth == base + 4 && is4(base, a, b, c, d);
  }

  /** Whether the first name is {@code prefix}. */
  public boolean startsWith(String prefix) {
    return depth >= 1 && prefix.equals(names[0]);
  }

  /** True when the name at {@code level} is {@code name}. */
  public boolean nameAt(int level, String name) {
    return level >= 0 && level < depth && name.equals(names[level]);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (ELEMENT.equals(names[i])) {
        sb.append(ELEMENT);
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(names[i]);
      }
    }
    return sb.toString();
  }
}
