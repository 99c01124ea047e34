package io.parley.agent.session;

/** Decides whether a session, user or conversation id may be recorded: 1..200 printable ASCII. */
public final class IdValidator {

  /** Longest accepted id, in characters. */
  public static final int MAX_LENGTH = 200;

  private IdValidator() {}

  /** Returns null when {@code id} is valid, else why it is not; null counts as empty. */
  public static IdRejection check(String id) {
    if (id == null || id.isEmpty()) {
      return IdRejection.EMPTY;
    }
    int length = id.length();
    if (length > MAX_LENGTH) {
      return IdRejection.TOO_LONG;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return IdRejection.NOT_PRINTABLE_ASCII;
      }
    }
    return null;
  }

  public static boolean isValid(String id) {
    return check(id) == null;
  }
}
