package io.parley.benchmarks.overhead;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything measured in one launch of the application. */
final class LaunchResult {

  final Variant variant;
  final int round;
  double startupMillis;
  double startupCpuMillis;
  final Map<String, LoadRun.Result> loads = new LinkedHashMap<>();
  double rssMb = Double.NaN;
  double firstChunkAppMillis = Double.NaN;
  double firstChunkClientMillis = Double.NaN;
  long traceExports;
  long metricExports;
  long exportedBytes;

  LaunchResult(Variant variant, int round) {
    this.variant = variant;
    this.round = round;
  }
}
