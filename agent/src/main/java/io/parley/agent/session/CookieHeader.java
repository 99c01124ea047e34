package io.parley.agent.session;

/** Reads one cookie's value out of a raw {@code Cookie} request header, without regex. */
public final class CookieHeader {

  private CookieHeader() {}

  /**
   * The value of the first cookie called {@code name} (case-sensitive) in {@code header}, with
   * surrounding whitespace and double quotes removed; null when absent. Items without '=' are
   * skipped.
   */
  public static String value(String header, String name) {
    if (header == null || name == null || name.isEmpty()) {
      return null;
    }
    int length = header.length();
    int itemStart = 0;
    while (itemStart < length) {
      int itemEnd = header.indexOf(';', itemStart);
      if (itemEnd < 0) {
        itemEnd = length;
      }
      String value = valueIfNamed(header, itemStart, itemEnd, name);
      if (value != null) {
        return value;
      }
      itemStart = itemEnd + 1;
    }
    return null;
  }

  private static String valueIfNamed(String header, int start, int end, String name) {
    int nameStart = skipSpace(header, start, end);
    int equals = indexOf(header, '=', nameStart, end);
    if (equals < 0) {
      return null;
    }
    int nameEnd = trimEnd(header, nameStart, equals);
    if (nameEnd - nameStart != name.length()
        || !header.regionMatches(nameStart, name, 0, name.length())) {
      return null;
    }
    int valueStart = skipSpace(header, equals + 1, end);
    int valueEnd = trimEnd(header, valueStart, end);
    if (valueEnd - valueStart >= 2
        && header.charAt(valueStart) == '"'
        && header.charAt(valueEnd - 1) == '"') {
      valueStart++;
      valueEnd--;
    }
    return header.substring(valueStart, valueEnd);
  }

  // bounded by the item's end, so items without '=' never scan the rest of the header
  private static int indexOf(String s, char c, int from, int end) {
    for (int i = from; i < end; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static int skipSpace(String s, int from, int end) {
    while (from < end && isSpace(s.charAt(from))) {
      from++;
    }
    return from;
  }

  private static int trimEnd(String s, int start, int end) {
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
