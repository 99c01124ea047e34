package io.parley.smoke.secrets;

import io.parley.smoke.launch.AgentJvm;
import io.parley.smoke.otlp.ExportedTelemetry;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SPEC §7 for every smoke test class: the secrets a test used (API keys its applications send,
 * {@code Authorization} values, cookie values, raw user ids) must not appear in what the agent
 * exported nor in the launched JVM's log. Receivers, launched JVMs and the headers sent through
 * {@link io.parley.smoke.http.SmokeHttp} register here as a class runs; {@link
 * SecretScanExtension} scans at the end of each class and fails it on a find.
 *
 * <p>Values shorter than {@link #MIN_LENGTH} characters are not searched (too likely to occur by
 * chance); they are counted as skipped.
 */
public final class SecretScan {

  /** Kinds of secret, as reported. */
  public static final String API_KEY = "API key";

  public static final String AUTHORIZATION = "Authorization value";
  public static final String COOKIE = "cookie value";
  public static final String USER_ID = "raw user id";

  /** Shorter values are not searched. */
  public static final int MIN_LENGTH = 6;

  private static final Object LOCK = new Object();
  private static final Map<String, ExportedTelemetry> receivers = new LinkedHashMap<>();
  private static final List<AgentJvm> jvms = new ArrayList<>();
  private static final Set<Secret> secrets = new LinkedHashSet<>();
  private static int skippedShort;

  private SecretScan() {}

  /** A value that must not leak; {@code jvm} null means every JVM of the class. */
  public record Secret(String kind, String value, AgentJvm jvm) {
    @Override
    public String toString() {
      // never the whole value: failure messages end up in CI logs
      String shown = value.length() <= 8 ? value.charAt(0) + "..." : value.substring(0, 6) + "...";
      return kind + " " + shown + " (" + value.length() + " chars)";
    }
  }

  /** Where a secret was found. */
  public record Finding(Secret secret, String where) {}

  /** The outcome of one scan. */
  public record Result(
      List<Finding> findings,
      Map<String, Integer> secretsByKind,
      int skippedShort,
      long telemetryBytes,
      int receiversScanned,
      long logBytes,
      int jvmsScanned) {

    public int secretCount() {
      return secretsByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    public String summary(String scope) {
      StringBuilder kinds = new StringBuilder();
      secretsByKind.forEach(
          (kind, count) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(count).append(' ').append(kind));
      return String.format(
          "[secret-scan] %s: %d secret(s)%s searched in %,d telemetry bytes from %d receiver(s) and %,d log bytes"
              + " from %d agent JVM(s)%s: %s",
          scope,
          secretCount(),
          kinds.length() == 0 ? "" : " (" + kinds + ")",
          telemetryBytes,
          receiversScanned,
          logBytes,
          jvmsScanned,
          skippedShort == 0 ? "" : "; " + skippedShort + " value(s) under " + MIN_LENGTH + " chars skipped",
          findings.isEmpty() ? "none found" : findings.size() + " FOUND " + findings);
    }
  }

  /** Called by the receivers as they start. */
  public static void receiverStarted(String endpoint, ExportedTelemetry telemetry) {
    synchronized (LOCK) {
      receivers.put(endpoint, telemetry);
    }
  }

  /** Called by {@link AgentJvm} for every JVM it launches. */
  public static void launched(AgentJvm jvm) {
    synchronized (LOCK) {
      jvms.add(jvm);
    }
  }

  /** A secret every JVM of the running class must keep out of its telemetry and log. */
  public static void secret(String kind, String value) {
    add(kind, value, null);
  }

  /** A secret {@code jvm} must keep out of its telemetry and log. */
  public static void secretOf(AgentJvm jvm, String kind, String value) {
    add(kind, value, jvm);
  }

  /**
   * Request headers sent to the application on {@code port}, as name, value, name, value, ...: the
   * secret ones among them (credentials, cookie values, user ids) are registered.
   */
  public static void headersSent(int port, String... namesAndValues) {
    AgentJvm jvm;
    synchronized (LOCK) {
      jvm = jvmOnPort(port);
    }
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      String name = namesAndValues[i].toLowerCase(Locale.ROOT);
      String value = namesAndValues[i + 1];
      if (value == null) {
        continue;
      }
      switch (name) {
        case "authorization":
        case "proxy-authorization":
          add(AUTHORIZATION, value, jvm);
          int space = value.indexOf(' ');
          if (space > 0) {
            add(AUTHORIZATION, value.substring(space + 1).trim(), jvm);
          }
          break;
        case "x-api-key":
        case "api-key":
        case "x-goog-api-key":
          add(API_KEY, value, jvm);
          break;
        case "cookie":
          for (String cookie : value.split(";")) {
            int equals = cookie.indexOf('=');
            if (equals > 0) {
              add(COOKIE, unquote(cookie.substring(equals + 1).trim()), jvm);
            }
          }
          break;
        case "x-user-id":
          userId(value, jvm);
          break;
        case "baggage":
          for (String entry : value.split(",")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
              String key = entry.substring(0, equals).trim();
              if (key.equals("user.id") || key.equals("langfuse_user_id")) {
                String raw = entry.substring(equals + 1).split(";")[0].trim();
                userId(raw, jvm);
                try {
                  userId(URLDecoder.decode(raw, StandardCharsets.UTF_8), jvm);
                } catch (IllegalArgumentException ignored) {
                  // not percent-encoded after all
                }
              }
            }
          }
          break;
        default:
          break;
      }
    }
  }

  private static void userId(String value, AgentJvm jvm) {
    // a JVM told to record user ids as sent (parley.user.hash=none) exports them on purpose; a
    // request to no known JVM cannot tell, so its user ids are left out
    if (jvm != null && !jvm.recordsUserIdsAsSent()) {
      add(USER_ID, value, jvm);
    }
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  private static void add(String kind, String value, AgentJvm jvm) {
    if (value == null) {
      return;
    }
    synchronized (LOCK) {
      if (value.length() < MIN_LENGTH) {
        skippedShort++;
        return;
      }
      secrets.add(new Secret(kind, value, jvm));
    }
  }

  private static AgentJvm jvmOnPort(int port) {
    for (int i = jvms.size() - 1; i >= 0; i--) {
      if (jvms.get(i).port() == port) {
        return jvms.get(i);
      }
    }
    return null;
  }

  /** Forgets everything registered (a new test class starts). */
  static void reset() {
    synchronized (LOCK) {
      receivers.clear();
      jvms.clear();
      secrets.clear();
      skippedShort = 0;
    }
  }

  /** Scans everything registered since the last {@link #reset()}. */
  static Result scanRegistered() {
    List<AgentJvm> jvmList;
    Map<String, ExportedTelemetry> receiverMap;
    List<Secret> secretList;
    int skipped;
    synchronized (LOCK) {
      jvmList = new ArrayList<>(jvms);
      receiverMap = new LinkedHashMap<>(receivers);
      secretList = new ArrayList<>(secrets);
      skipped = skippedShort;
    }
    return scan(jvmList, receiverMap, secretList, skipped);
  }

  /**
   * Searches each agent JVM's log and the telemetry its receiver got for the secrets that apply to
   * it, and receivers no JVM of the list exported to for the secrets of every JVM.
   */
  public static Result scan(
      List<AgentJvm> jvmList, Map<String, ExportedTelemetry> receiverMap, List<Secret> secretList, int skipped) {
    List<Finding> findings = new ArrayList<>();
    Map<ExportedTelemetry, byte[]> telemetryBytes = new IdentityHashMap<>();
    Map<ExportedTelemetry, String> receiverNames = new IdentityHashMap<>();
    receiverMap.forEach((endpoint, telemetry) -> receiverNames.put(telemetry, endpoint));
    Set<ExportedTelemetry> scannedForAll = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    long logBytes = 0;
    int jvmsScanned = 0;
    for (AgentJvm jvm : jvmList) {
      if (!jvm.hasAgent()) {
        continue;
      }
      jvmsScanned++;
      List<Secret> applicable = new ArrayList<>();
      for (Secret secret : secretList) {
        if (secret.jvm() == null || secret.jvm() == jvm) {
          applicable.add(secret);
        }
      }
      ByteMatcher matcher = new ByteMatcher(applicable);
      byte[] stdout = read(jvm.stdoutFile());
      byte[] stderr = read(jvm.stderrFile());
      logBytes += stdout.length + stderr.length;
      matcher.find(stdout, jvm.name() + " stdout", findings);
      matcher.find(stderr, jvm.name() + " stderr", findings);
      ExportedTelemetry telemetry = receiverMap.get(jvm.otlpEndpoint());
      if (telemetry != null) {
        byte[] bytes = telemetryBytes.computeIfAbsent(telemetry, ExportedTelemetry::rawBytes);
        matcher.find(bytes, "telemetry exported by " + jvm.name(), findings);
        scannedForAll.add(telemetry);
      }
    }
    ByteMatcher all = new ByteMatcher(secretList);
    for (ExportedTelemetry telemetry : receiverMap.values()) {
      if (!scannedForAll.contains(telemetry)) {
        byte[] bytes = telemetryBytes.computeIfAbsent(telemetry, ExportedTelemetry::rawBytes);
        all.find(bytes, "telemetry received at " + receiverNames.get(telemetry), findings);
      }
    }
    Map<String, Integer> byKind = new LinkedHashMap<>();
    Set<String> distinct = new LinkedHashSet<>();
    for (Secret secret : secretList) {
      if (distinct.add(secret.kind() + "\u0000" + secret.value())) {
        byKind.merge(secret.kind(), 1, Integer::sum);
      }
    }
    long total = telemetryBytes.values().stream().mapToLong(b -> b.length).sum();
    return new Result(findings, byKind, skipped, total, telemetryBytes.size(), logBytes, jvmsScanned);
  }

  private static byte[] read(Path file) {
    try {
      return file != null && Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    } catch (IOException e) {
      throw new AssertionError("could not read " + file + " for the secret scan", e);
    }
  }

  /**
   * Finds any of many UTF-8 needles in a haystack in one pass: needles are indexed by their first
   * {@link #MIN_LENGTH} bytes, so thousands of secrets cost no more than a few.
   */
  static final class ByteMatcher {
    private final Map<Long, List<Object[]>> byPrefix = new java.util.HashMap<>();

    ByteMatcher(List<Secret> secrets) {
      for (Secret secret : secrets) {
        byte[] needle = secret.value().getBytes(StandardCharsets.UTF_8);
        if (needle.length < MIN_LENGTH) {
          continue;
        }
        byPrefix.computeIfAbsent(key(needle, 0), k -> new ArrayList<>()).add(new Object[] {secret, needle});
      }
    }

    void find(byte[] haystack, String where, List<Finding> findings) {
      if (byPrefix.isEmpty() || haystack.length < MIN_LENGTH) {
        return;
      }
      Set<Secret> found = new LinkedHashSet<>();
      for (int i = 0; i + MIN_LENGTH <= haystack.length; i++) {
        List<Object[]> candidates = byPrefix.get(key(haystack, i));
        if (candidates == null) {
          continue;
        }
        for (Object[] candidate : candidates) {
          byte[] needle = (byte[]) candidate[1];
          if (regionMatches(haystack, i, needle)) {
            found.add((Secret) candidate[0]);
          }
        }
      }
      for (Secret secret : found) {
        findings.add(new Finding(secret, where));
      }
    }

    private static long key(byte[] bytes, int offset) {
      long key = 0;
      for (int k = 0; k < MIN_LENGTH; k++) {
        key = (key << 8) | (bytes[offset + k] & 0xFF);
      }
      return key;
    }

    private static boolean regionMatches(byte[] haystack, int offset, byte[] needle) {
      if (offset + needle.length > haystack.length) {
        return false;
      }
      for (int k = 0; k < needle.length; k++) {
        if (haystack[offset + k] != needle[k]) {
          return false;
        }
      }
      return true;
    }
  }
}
