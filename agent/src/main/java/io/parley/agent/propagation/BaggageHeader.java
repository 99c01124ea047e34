package io.parley.agent.propagation;

import io.parley.agent.session.HashedUserMarker;
import java.nio.charset.StandardCharsets;

/**
 * Writes Parley's entries into a W3C {@code baggage} header value. The application's own members
 * are kept exactly as it wrote them (the header is edited as text, not parsed and re-written, so
 * nothing a parser would reject or normalise is lost); only members with Parley's keys are
 * replaced.
 */
final class BaggageHeader {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private BaggageHeader() {}

  /**
   * {@code existing} (the application's header, or null) with {@code sessionKey=sessionId} and
   * {@code userKey=userId} set; a null key or id adds nothing. The user entry is marked
   * {@value HashedUserMarker#PROPERTY} when it is a hash. Returns null when there is nothing to
   * add.
   */
  static String merge(
      String existing, String sessionKey, String sessionId, String userKey, String userId) {
    boolean addSession = sessionKey != null && sessionId != null;
    boolean addUser = userKey != null && userId != null;
    if (!addSession && !addUser) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    if (existing != null) {
      for (String member : existing.split(",")) {
        String trimmed = member.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        String key = keyOf(trimmed);
        if ((addSession && key.equals(sessionKey)) || (addUser && key.equals(userKey))) {
          continue; // replaced below
        }
        append(out, trimmed);
      }
    }
    if (addSession) {
      append(out, sessionKey + "=" + encode(sessionId));
    }
    if (addUser) {
      append(
          out,
          userKey
              + "="
              + encode(userId)
              + (HashedUserMarker.looksHashed(userId) ? ";" + HashedUserMarker.PROPERTY : ""));
    }
    return out.toString();
  }

  private static String keyOf(String member) {
    int end = member.length();
    for (int i = 0; i < member.length(); i++) {
      char c = member.charAt(i);
      if (c == '=' || c == ';') {
        end = i;
        break;
      }
    }
    return member.substring(0, end).trim();
  }

  private static void append(StringBuilder out, String member) {
    if (out.length() > 0) {
      out.append(',');
    }
    out.append(member);
  }

  /**
   * Percent-encodes what a baggage value may not hold as it is (W3C {@code baggage-octet}
   * excludes controls, space, {@code "}, {@code ,}, {@code ;} and {@code \}), plus {@code %} and
   * {@code +}, which some decoders would misread.
   */
  static String encode(String value) {
    boolean plain = true;
    for (int i = 0; i < value.length() && plain; i++) {
      plain = isPlain(value.charAt(i));
    }
    if (plain) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (isPlain(c)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    return out.toString();
  }

  private static boolean isPlain(char c) {
    return c >= 0x21
        && c <= 0x7E
        && c != '"'
        && c != ','
        && c != ';'
        && c != '\\'
        && c != '%'
        && c != '+';
  }
}
