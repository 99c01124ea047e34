package io.parley.agent.testing;

import java.util.Random;

/** Random candidate ids for fuzzing: near-valid, control characters, non-ASCII, lone surrogates, huge. */
public final class RandomIds {

  private RandomIds() {}

  public static String value(Random random) {
    return value(random, true);
  }

  /** As {@link #value(Random)} without the huge values (for the thousands of entries of a header). */
  public static String shortValue(Random random) {
    return value(random, false);
  }

  private static String value(Random random, boolean huge) {
    int kind = random.nextInt(9);
    if (kind == 2 && !huge) {
      kind = 3;
    }
    switch (kind) {
      case 0:
        return "";
      case 1:
        return repeat((char) (0x21 + random.nextInt(94)), 195 + random.nextInt(10)); // around the bound
      case 2:
        return repeat('x', 1_000 + random.nextInt(20_000)); // far past the bound
      case 3:
        return "sess-" + random.nextInt(1_000_000); // valid
      case 4:
        return Long.toString(random.nextLong()); // numbers, for the turn header too
      default:
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(64);
        for (int i = 0; i < length; i++) {
          int c = random.nextInt(10);
          if (c < 6) {
            text.append((char) (0x21 + random.nextInt(94)));
          } else if (c < 8) {
            text.append((char) random.nextInt(0x21));
          } else if (c < 9) {
            text.append((char) (0x7F + random.nextInt(0x800)));
          } else {
            text.append(random.nextBoolean() ? '\ud800' : '\udfff');
          }
        }
        return text.toString();
    }
  }

  public static String repeat(char c, int n) {
    char[] chars = new char[n];
    java.util.Arrays.fill(chars, c);
    return new String(chars);
  }
}
