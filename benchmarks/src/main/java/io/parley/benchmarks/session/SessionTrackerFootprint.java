package io.parley.benchmarks.session;

import io.opentelemetry.sdk.common.Clock;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.session.lifecycle.SessionEndListener;
import io.parley.agent.session.lifecycle.SessionTracker;
import io.parley.agent.session.lifecycle.TrackedRequest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;

/**
 * Heap held by the {@link SessionTracker} per open session: opens N sessions (default 100,000),
 * each with one request that made one priced LLM call, ids shaped like real ones (a UUID session
 * id, a 16-hex hashed user id), and compares the JVM's class histogram of live objects (taken after
 * a full GC, as {@code jcmd GC.class_histogram} does) before and after. Prints a markdown table.
 *
 * <pre>java -cp benchmarks/target/parley-benchmarks.jar io.parley.benchmarks.session.SessionTrackerFootprint [sessions]</pre>
 */
public final class SessionTrackerFootprint {

  /** Keeps the tracker reachable until the second histogram. */
  private static volatile SessionTracker keep;

  private SessionTrackerFootprint() {}

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
    Result result = measure(sessions);
    System.out.println(result.markdown());
  }

  /** One measurement; the tracker holds {@code sessions} open sessions at the second histogram. */
  public static Result measure(int sessions) throws Exception {
    ParleyLog log = new ParleyLog(line -> {}, System::nanoTime);
    // ids are made before the first histogram, as the requests that carry them would make them;
    // what the tracker retains of them is counted below by subtracting their own size
    String[] sessionIds = new String[sessions];
    String[] userIds = new String[sessions];
    for (int i = 0; i < sessions; i++) {
      sessionIds[i] = RequestShapes.sessionId(i);
      userIds[i] = String.format(Locale.ROOT, "%016x", i * 0x9E3779B97F4A7C15L);
    }
    Map<String, long[]> before = histogram();
    SessionTracker tracker =
        new SessionTracker(
            Duration.ofMinutes(30),
            Math.max(sessions, 1),
            Clock.getDefault(),
            Collections.<SessionEndListener>emptyList(),
            log);
    keep = tracker;
    for (int i = 0; i < sessions; i++) {
      TrackedRequest request = tracker.requestStarted(sessionIds[i], userIds[i], null);
      tracker.nextTurn(request, null);
      tracker.llmCallEnded(request, "gpt-4o-mini-2024-07-18", 1200L, 300L, 0.00036, false);
      tracker.requestEnded(request, false, true);
    }
    if (tracker.size() != sessions) {
      throw new IllegalStateException(tracker.size() + " open sessions, expected " + sessions);
    }
    Map<String, long[]> after = histogram();
    // the id strings existed before and still exist (held by the arrays above): not in the delta
    long idBytes = 0;
    for (int i = 0; i < Math.min(sessions, 1000); i++) {
      idBytes += stringBytes(sessionIds[i]) + stringBytes(userIds[i]);
    }
    idBytes = idBytes * sessions / Math.max(1, Math.min(sessions, 1000));
    keep = null;
    tracker.shutdown();
    return new Result(sessions, delta(before, after), idBytes);
  }

  /** Shallow size of a compact Latin-1 String and its byte array on a 64-bit JVM with compressed oops. */
  private static long stringBytes(String s) {
    long array = align(16 + s.length());
    return 24 + array;
  }

  private static long align(long bytes) {
    return (bytes + 7) / 8 * 8;
  }

  private static List<Row> delta(Map<String, long[]> before, Map<String, long[]> after) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long[] was = before.getOrDefault(e.getKey(), new long[2]);
      long instances = e.getValue()[0] - was[0];
      long bytes = e.getValue()[1] - was[1];
      if (bytes != 0) {
        rows.add(new Row(e.getKey(), instances, bytes));
      }
    }
    rows.sort((a, b) -> Long.compare(b.bytes, a.bytes));
    return rows;
  }

  /** Class name → {instances, bytes} of live objects, after the full GC the histogram forces. */
  static Map<String, long[]> histogram() throws Exception {
    String text =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return classes;
  }

  /** A class whose live instances changed. */
  public static final class Row {
    final String className;
    final long instances;
    final long bytes;

    Row(String className, long instances, long bytes) {
      this.className = className;
      this.instances = instances;
      this.bytes = bytes;
    }
  }

  /** The delta and what it means per session. */
  public static final class Result {
    public final int sessions;
    public final List<Row> rows;
    /** Bytes of the session and user id strings, which a request creates anyway. */
    public final long idStringBytes;

    Result(int sessions, List<Row> rows, long idStringBytes) {
      this.sessions = sessions;
      this.rows = rows;
      this.idStringBytes = idStringBytes;
    }

    /** All live bytes the tracker added, per session (ids not included: they predate it). */
    public long bytesPerSession() {
      long total = 0;
      for (Row row : rows) {
        total += row.bytes;
      }
      return Math.round((double) total / sessions);
    }

    public long idBytesPerSession() {
      return Math.round((double) idStringBytes / sessions);
    }

    public String markdown() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT,
          "SessionTracker with %,d open sessions (one request, one priced LLM call each):%n%n",
          sessions));
      out.append("| class | instances per session | bytes per session |\n|---|---:|---:|\n");
      long other = 0;
      for (Row row : rows) {
        if (Math.abs(row.bytes) * 2 < (long) sessions) {
          other += row.bytes; // under half a byte per session: the JVM's own bookkeeping
          continue;
        }
        out.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.1f |%n", row.className,
            (double) row.instances / sessions, (double) row.bytes / sessions));
      }
      out.append(String.format(Locale.ROOT, "| other classes (JVM bookkeeping) | | %.1f |%n",
          (double) other / sessions));
      out.append(String.format(Locale.ROOT, "| **total held by the tracker** | | **%d** |%n",
          bytesPerSession()));
      out.append(String.format(Locale.ROOT,
          "%nPlus the session and user id strings it keeps referenced (%d bytes per session for a"
              + " 36-character UUID and a 16-hex user id), which the request created anyway:"
              + " %d bytes per session in all; %.1f MB for %,d sessions.%n",
          idBytesPerSession(), bytesPerSession() + idBytesPerSession(),
          (bytesPerSession() + idBytesPerSession()) * (double) sessions / 1e6, sessions));
      return out.toString();
    }
  }
}
