package io.parley.benchmarks.overhead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread group of a process, from {@code /proc/<pid>/task/<tid>/stat} (thread names
 * with their digits replaced by {@code N}, so that pools add up): where an application's CPU goes
 * during a measured window, GC and JIT threads included. Diagnostic output of the harness.
 */
final class ThreadCpu {

  private ThreadCpu() {}

  /** Thread id → {group, CPU ms}. */
  static Map<String, Object[]> snapshot(long pid) {
    Map<String, Object[]> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String stat = new String(Files.readAllBytes(task.resolve("stat")), StandardCharsets.US_ASCII);
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
          threads.put(task.getFileName().toString(), new Object[] {name.replaceAll("[0-9]+", "N"), ms});
        } catch (IOException | RuntimeException gone) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return threads;
  }

  /** Whether a thread group is the JIT's (HotSpot names them {@code C1/C2 CompilerThreadN}). */
  static boolean isCompiler(String group) {
    return group.contains("CompilerThre");
  }

  /** CPU ms per thread group between two snapshots. */
  static Map<String, Double> delta(Map<String, Object[]> before, Map<String, Object[]> after) {
    Map<String, Double> groups = new TreeMap<>();
    for (Map.Entry<String, Object[]> e : after.entrySet()) {
      Object[] was = before.get(e.getKey());
      double ms = (Double) e.getValue()[1] - (was == null ? 0 : (Double) was[1]);
      if (ms > 0) {
        groups.merge((String) e.getValue()[0], ms, Double::sum);
      }
    }
    return groups;
  }

  /** The groups' CPU per request, largest first, for the log. */
  static String describe(Map<String, Double> groups, long requests) {
    StringBuilder out = new StringBuilder();
    groups.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .limit(12)
        .forEach(g -> out.append(String.format(java.util.Locale.ROOT, " %s=%.0fµs/req", g.getKey(),
            g.getValue() * 1000 / Math.max(1, requests))));
    return out.toString();
  }
}
