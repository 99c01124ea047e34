package io.parley.benchmarks.overhead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/** The machine the numbers came from, as the report states it. */
final class Machine {

  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    long memKb = -1;
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String line : Files.readAllLines(Paths.get("/proc/meminfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return String.format(Locale.ROOT,
        "Machine: %d CPUs (%s), %.1f GiB RAM; %s %s (%s).%n",
        Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0,
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"));
  }

  static String loadAverage() {
    try {
      List<String> lines = Files.readAllLines(Paths.get("/proc/loadavg"), StandardCharsets.US_ASCII);
      String[] f = lines.get(0).split("\\s+");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
