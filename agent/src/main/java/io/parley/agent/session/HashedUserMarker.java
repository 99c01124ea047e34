package io.parley.agent.session;

/**
 * Marks a user id that an upstream service running the agent already hashed, so that the
 * downstream service records it as it came instead of hashing the hash: the W3C baggage entry
 * carries the property {@value #PROPERTY} ({@code user.id=3f9a0c1d2e4b5a69;parley.hashed}), and
 * only a value shaped like a hash (16 lowercase hex characters) is taken as one, so a marked
 * entry can never put anything but a hash-like string into the telemetry.
 */
public final class HashedUserMarker {

  /** The baggage entry property that says the value is already hashed. */
  public static final String PROPERTY = "parley.hashed";

  private HashedUserMarker() {}

  /** Whether a baggage entry's {@code value} and {@code metadata} (its properties) mark a hash. */
  public static boolean isMarkedHash(String value, String metadata) {
    return metadata != null && hasProperty(metadata) && looksHashed(value);
  }

  /** 16 lowercase hex characters, as {@link IdHasher} writes them. */
  public static boolean looksHashed(String value) {
    if (value == null || value.length() != IdHasher.LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasProperty(String metadata) {
    for (String property : metadata.split(";")) {
      if (property.trim().equals(PROPERTY)) {
        return true;
      }
    }
    return false;
  }
}
