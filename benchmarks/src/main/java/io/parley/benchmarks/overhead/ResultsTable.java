package io.parley.benchmarks.overhead;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The markdown report: medians over rounds per variant, differences and ratios to no agent. */
final class ResultsTable {

  private final List<Variant> variants;
  private final List<LaunchResult> results;

  ResultsTable(List<Variant> variants, List<LaunchResult> results) {
    this.variants = variants;
    this.results = results;
  }

  double median(Variant v, ToDoubleFunction<LaunchResult> metric) {
    List<Double> values = new ArrayList<>();
    for (LaunchResult r : results) {
      if (r.variant == v) {
        values.add(metric.applyAsDouble(r));
      }
    }
    return Samples.median(values);
  }

  boolean hasPath(String path) {
    return !results.isEmpty() && results.get(0).loads.containsKey(path);
  }

  Variant find(String name) {
    for (Variant v : variants) {
      if (v.name.equals(name)) {
        return v;
      }
    }
    return null;
  }

  String markdown(List<String> paths) {
    StringBuilder out = new StringBuilder();
    Variant none = find("none");
    out.append("| metric (median of rounds) |");
    for (Variant v : variants) {
      out.append(' ').append(v.label).append(" |");
    }
    for (Variant v : variants) {
      if (v != none && none != null) {
        out.append(' ').append(v.label).append(" vs no agent |");
      }
    }
    out.append('\n').append("|---|");
    for (int i = 0; i < variants.size() * 2 - (none != null ? 1 : 0); i++) {
      out.append("---:|");
    }
    out.append('\n');
    row(out, "startup to first successful response (ms)", r -> r.startupMillis, "%.0f", Kind.DELTA);
    row(out, "CPU time used until then (ms)", r -> r.startupCpuMillis, "%.0f", Kind.DELTA);
    for (String path : paths) {
      row(out, "`" + path + "` throughput (req/s)", r -> load(r, path).throughput(), "%.0f", Kind.RATIO);
      row(out, "`" + path + "` latency p50 (ms)", r -> load(r, path).p50Millis(), "%.2f", Kind.DELTA);
      row(out, "`" + path + "` latency p99 (ms)", r -> load(r, path).p99Millis(), "%.2f", Kind.DELTA);
      row(out, "`" + path + "` application CPU per request (µs)",
          r -> load(r, path).cpuMicrosPerRequest(), "%.0f", Kind.DELTA);
      row(out, "`" + path + "` same, without the JIT compiler threads (µs)",
          r -> load(r, path).cpuMicrosPerRequestWithoutJit(), "%.0f", Kind.DELTA);
      row(out, "`" + path + "` heap allocated per request (KB)",
          r -> load(r, path).allocatedKbPerRequest(), "%.1f", Kind.DELTA);
    }
    row(out, "resident memory after the load (MB)", r -> r.rssMb, "%.0f", Kind.DELTA);
    row(out, "first chunk of a stream, seen by the app (ms)", r -> r.firstChunkAppMillis, "%.2f",
        Kind.DELTA);
    row(out, "first chunk of a stream, seen by the client (ms)", r -> r.firstChunkClientMillis,
        "%.2f", Kind.DELTA);
    out.append("| agent jar (MB) |");
    for (Variant v : variants) {
      out.append(v.agentJar == null ? " — |"
          : String.format(Locale.ROOT, " %.2f |", v.agentJar.toFile().length() / 1e6));
    }
    for (Variant v : variants) {
      if (v != none && none != null) {
        out.append(" |");
      }
    }
    out.append('\n');
    return out.toString();
  }

  private enum Kind { DELTA, RATIO }

  private static LoadRun.Result load(LaunchResult r, String path) {
    LoadRun.Result result = r.loads.get(path);
    if (result == null) {
      throw new IllegalStateException("no " + path + " in " + r.variant + " round " + r.round);
    }
    return result;
  }

  private void row(StringBuilder out, String name, ToDoubleFunction<LaunchResult> metric,
      String format, Kind kind) {
    Variant none = find("none");
    out.append("| ").append(name).append(" |");
    for (Variant v : variants) {
      out.append(' ').append(String.format(Locale.ROOT, format, median(v, metric))).append(" |");
    }
    if (none != null) {
      double base = median(none, metric);
      for (Variant v : variants) {
        if (v == none) {
          continue;
        }
        double value = median(v, metric);
        String cell;
        if (kind == Kind.RATIO) {
          cell = String.format(Locale.ROOT, "%.1f %%", 100 * value / base);
        } else {
          cell = String.format(Locale.ROOT, "%+" + format.substring(1), value - base);
        }
        out.append(' ').append(cell).append(" |");
      }
    }
    out.append('\n');
  }
}
