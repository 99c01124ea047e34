package io.parley.agent.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Anonymises ids: the first 16 lowercase hex characters of HMAC-SHA256(key, id) when a key is
 * set, else of SHA-256(id), over the UTF-8 bytes.
 */
public final class IdHasher {

  /** Hex characters kept from the digest. */
  public static final int LENGTH = 16;

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int DIGEST_BYTES = 32;

  private final byte[] key;
  // one digest per thread: MessageDigest and Mac are not thread-safe, and creating them is slow
  private final ThreadLocal<PerThread> perThread;

  /** {@code keyOrNull} null or empty means plain SHA-256. */
  public IdHasher(String keyOrNull) {
    this.key =
        keyOrNull == null || keyOrNull.isEmpty()
            ? null
            : keyOrNull.getBytes(StandardCharsets.UTF_8);
    this.perThread = ThreadLocal.withInitial(this::newPerThread);
    perThread.get(); // a JDK without the algorithm fails here, not on the first request
  }

  public boolean isKeyed() {
    return key != null;
  }

  /** The 16-hex-character hash of {@code raw}. */
  public String hash(String raw) {
    PerThread state = perThread.get();
    byte[] input = raw.getBytes(StandardCharsets.UTF_8);
    byte[] out = state.out;
    try {
      if (state.mac != null) {
        state.mac.update(input);
        state.mac.doFinal(out, 0);
      } else {
        state.digest.update(input);
        state.digest.digest(out, 0, DIGEST_BYTES);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("hashing failed", e);
    }
    char[] hex = state.hex;
    for (int i = 0; i < LENGTH / 2; i++) {
      hex[2 * i] = HEX[(out[i] >> 4) & 0xF];
      hex[2 * i + 1] = HEX[out[i] & 0xF];
    }
    return new String(hex);
  }

  private PerThread newPerThread() {
    try {
      if (key != null) {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return new PerThread(null, mac);
      }
      return new PerThread(MessageDigest.getInstance("SHA-256"), null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 / HmacSHA256 unavailable", e);
    }
  }

  private static final class PerThread {
    final MessageDigest digest;
    final Mac mac;
    final byte[] out = new byte[DIGEST_BYTES];
    final char[] hex = new char[LENGTH];

    PerThread(MessageDigest digest, Mac mac) {
      this.digest = digest;
      this.mac = mac;
    }
  }
}
