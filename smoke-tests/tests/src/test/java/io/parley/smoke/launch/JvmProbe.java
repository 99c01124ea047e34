package io.parley.smoke.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a launched JVM, read from outside: heap in use after a full collection ({@code jcmd
 * GC.run}, then {@code GC.heap_info}), and the process's resident set ({@code VmRSS} in {@code
 * /proc/<pid>/status}). Retained heap after a full GC is what shows a leak; RSS also moves with
 * heap growth up to {@code -Xmx}, so it is reported rather than asserted tightly.
 */
public final class JvmProbe {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private JvmProbe() {}

  /** Heap bytes in use right after a full collection (young and old generations). */
  public static long heapUsedAfterFullGc(AgentJvm jvm) {
    jcmd(jvm.pid(), "GC.run");
    String info = jcmd(jvm.pid(), "GC.heap_info");
    long usedKb = 0;
    for (String line : info.lines().toList()) {
      // Serial GC prints "def new generation total ..K, used ..K" and "tenured generation ..."
      if (line.contains("generation") || line.contains("garbage-first heap")) {
        Matcher matcher = USED.matcher(line);
        if (matcher.find()) {
          usedKb += Long.parseLong(matcher.group(1));
        }
      }
    }
    if (usedKb == 0) {
      throw new AssertionError("could not read the heap of " + jvm.name() + " from:\n" + info);
    }
    return usedKb * 1024;
  }

  /** Writes a class histogram of live objects to {@code file} (for investigating a growth). */
  public static void histogram(AgentJvm jvm, Path file) {
    try {
      Files.writeString(file, jcmd(jvm.pid(), "GC.class_histogram"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Resident set size in bytes, or -1 where /proc is not available. */
  public static long residentBytes(AgentJvm jvm) {
    Path status = Path.of("/proc", String.valueOf(jvm.pid()), "status");
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static String jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process process =
          new ProcessBuilder(List.of(jcmd.toString(), String.valueOf(pid), command))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("jcmd " + pid + " " + command + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new AssertionError("could not run " + jcmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Megabytes, for messages. */
  public static String mb(long bytes) {
    return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
