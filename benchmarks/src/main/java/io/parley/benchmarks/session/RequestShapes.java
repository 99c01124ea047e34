package io.parley.benchmarks.session;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.parley.agent.session.IdentitySettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Realistic inbound requests of a chat service, one shape per way a session can be found, with
 * ids shaped like real ones (UUIDs, 32-hex servlet session ids, opaque user ids). Each shape
 * comes as a pool of distinct users and sessions so that nothing is resolved from a warm cache.
 */
public final class RequestShapes {

  /** Where the request carries its session. */
  public enum Shape {
    /** {@code X-Session-Id} and {@code X-User-Id} headers, and a {@code traceparent}. */
    HEADER,
    /** {@code session.id} and {@code user.id} in W3C {@code baggage}, and a {@code traceparent}. */
    BAGGAGE,
    /** A {@code JSESSIONID} among other cookies (hashed: a cookie is a credential). */
    COOKIE,
    /** Only {@code X-User-Id}: the session is derived from the user. */
    DERIVED,
    /** Nothing at all: an anonymous request. */
    ANONYMOUS
  }

  public static final TextMapPropagator PROPAGATOR =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  private RequestShapes() {}

  /**
   * The request headers the agent reads, in the order it asks for them: the propagator's fields,
   * the cookie, the session and user headers, the conversation and turn headers (as the agent's
   * {@code AgentStarter.serverHeaderNames} builds them).
   */
  public static String[] headerNames(IdentitySettings identity) {
    Set<String> names = new LinkedHashSet<>();
    for (String field : PROPAGATOR.fields()) {
      names.add(field.toLowerCase(Locale.ROOT));
    }
    names.add("cookie");
    addAll(names, identity.sessionHeaders());
    addAll(names, identity.userHeaders());
    names.add(identity.conversationHeader().toLowerCase(Locale.ROOT));
    names.add(identity.turnHeader().toLowerCase(Locale.ROOT));
    return names.toArray(new String[0]);
  }

  /** The values of {@code names} for request number {@code i} of {@code shape}; absent = null. */
  public static String[] headerValues(String[] names, Shape shape, int i) {
    String[] values = new String[names.length];
    for (int k = 0; k < names.length; k++) {
      values[k] = value(names[k], shape, i);
    }
    return values;
  }

  private static String value(String name, Shape shape, int i) {
    switch (name) {
      case "traceparent":
        return shape == Shape.HEADER || shape == Shape.BAGGAGE ? traceparent(i) : null;
      case "baggage":
        return shape == Shape.BAGGAGE
            ? "session.id=" + sessionId(i) + ",user.id=" + userId(i) + ",tenant=acme"
            : null;
      case "cookie":
        return shape == Shape.COOKIE || shape == Shape.HEADER
            ? "_ga=GA1.1.1843522193.1731400000; theme=dark; JSESSIONID=" + servletSession(i)
                + "; csrftoken=" + hex(i * 7919L, 32)
            : null;
      case "x-session-id":
        return shape == Shape.HEADER ? sessionId(i) : null;
      case "x-user-id":
        return shape == Shape.HEADER || shape == Shape.DERIVED ? userId(i) : null;
      default:
        return null;
    }
  }

  /** A UUID-shaped session id. */
  public static String sessionId(int i) {
    String h = hex(i * 0x9E3779B97F4A7C15L, 32);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a"
        + h.substring(17, 20) + "-" + h.substring(20, 32);
  }

  public static String userId(int i) {
    return "user-" + hex(i * 31L + 17, 12);
  }

  private static String servletSession(int i) {
    return hex(i * 0xC2B2AE3D27D4EB4FL, 32).toUpperCase(Locale.ROOT);
  }

  private static String traceparent(int i) {
    return "00-" + hex(i * 0x165667B19E3779F9L + 1, 32) + "-" + hex(i * 31L + 1, 16) + "-01";
  }

  private static String hex(long seed, int length) {
    StringBuilder out = new StringBuilder(length);
    long x = seed;
    while (out.length() < length) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      String part = Long.toHexString(x == 0 ? 0x5DEECE66DL : x);
      out.append(part);
    }
    out.setLength(length);
    // leading zeros are lost by toHexString; the length is what matters for a realistic id
    return out.toString();
  }

  private static void addAll(Set<String> names, List<String> more) {
    for (String name : more) {
      names.add(name.toLowerCase(Locale.ROOT));
    }
  }
}
