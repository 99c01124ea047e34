package io.parley.agent.llm.wire;

/**
 * Shortens every JSON string longer than a limit, as bytes pass, so a parser never holds a
 * multi-megabyte prompt, completion or base64 image: the readers only want short values (model
 * names, ids, finish reasons). The output stays well-formed JSON: a string is cut only between
 * whole characters and whole escape sequences, and its closing quote is kept.
 */
final class JsonStringClipper {

  private static final int OUTSIDE = 0;
  private static final int INSIDE = 1;
  private static final int DROPPING = 2;
  private static final int DROPPING_ESCAPE = 3;

  private final int maxStringBytes;
  private int state = OUTSIDE;
  private int stringBytes;
  private boolean afterBackslash;
  /** Hex digits of a unicode escape (backslash, u, four hex digits) still to pass untouched. */
  private int hexDigitsRemaining;

  JsonStringClipper(int maxStringBytes) {
    this.maxStringBytes = maxStringBytes;
  }

  /** Starts afresh, outside any string (the next NDJSON line). */
  void reset() {
    state = OUTSIDE;
    stringBytes = 0;
    afterBackslash = false;
    hexDigitsRemaining = 0;
  }

  /**
   * Copies {@code in[offset, offset + length)} to {@code out} from index 0, leaving out what
   * lies beyond the limit inside strings; returns how many bytes were written ({@code out} must
   * hold {@code length} bytes).
   */
  int clip(byte[] in, int offset, int length, byte[] out) {
    int written = 0;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      byte b = in[i];
      switch (state) {
        case OUTSIDE:
          out[written++] = b;
          if (b == '"') {
            state = INSIDE;
            stringBytes = 0;
            afterBackslash = false;
            hexDigitsRemaining = 0;
          }
          break;
        case INSIDE:
          if (afterBackslash) {
            afterBackslash = false;
            hexDigitsRemaining = b == 'u' ? 4 : 0;
            out[written++] = b;
            stringBytes++;
          } else if (hexDigitsRemaining > 0) {
            hexDigitsRemaining--;
            out[written++] = b;
            stringBytes++;
          } else if (b == '"') {
            out[written++] = b;
            state = OUTSIDE;
          } else if (stringBytes >= maxStringBytes && (b & 0xC0) != 0x80) {
            // a character boundary (not a UTF-8 continuation byte) and not inside an escape
            state = b == '\\' ? DROPPING_ESCAPE : DROPPING;
          } else {
            afterBackslash = b == '\\';
            out[written++] = b;
            stringBytes++;
          }
          break;
        case DROPPING:
          if (b == '"') {
            out[written++] = b;
            state = OUTSIDE;
          } else if (b == '\\') {
            state = DROPPING_ESCAPE;
          }
          break;
        default: // DROPPING_ESCAPE: the escaped byte can never end the string
          state = DROPPING;
          break;
      }
    }
    return written;
  }
}
