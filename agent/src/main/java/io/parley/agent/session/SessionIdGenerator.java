package io.parley.agent.session;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes {@code parley-} + 16 lowercase hex ids: SplitMix64 over a SecureRandom seed, so ids are
 * unpredictable across JVMs, never repeat within one, and cost one atomic add each.
 */
final class SessionIdGenerator {

  static final String PREFIX = "parley-";
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final AtomicLong state;

  SessionIdGenerator() {
    this.state = new AtomicLong(new SecureRandom().nextLong());
  }

  String next() {
    long bits = mix(state.addAndGet(GAMMA));
    char[] id = new char[PREFIX.length() + 16];
    PREFIX.getChars(0, PREFIX.length(), id, 0);
    for (int i = id.length - 1; i >= PREFIX.length(); i--) {
      id[i] = HEX[(int) (bits & 0xF)];
      bits >>>= 4;
    }
    return new String(id);
  }

  // SplitMix64's finaliser: a bijection, so distinct states give distinct ids
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
