package io.parley.benchmarks.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbers only the application itself can see: heap bytes allocated by all its threads so far,
 * and the time from sending each streamed LLM request to reading the first bytes of its answer.
 */
final class AppStats {

  private static final int MAX_SAMPLES = 100_000;
  private static final long[] FIRST_CHUNK_NANOS = new long[MAX_SAMPLES];
  private static final AtomicInteger SAMPLES = new AtomicInteger();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private AppStats() {}

  static void firstChunk(long nanos) {
    int i = SAMPLES.getAndIncrement();
    if (i < MAX_SAMPLES) {
      FIRST_CHUNK_NANOS[i] = nanos;
    }
  }

  /**
   * {@code allocatedBytes=N} (all threads, live and ended, since the JVM started: the JDK's
   * per-thread TLAB accounting) and {@code firstChunkNanos=a,b,...} since the last reset.
   */
  static synchronized String report(boolean reset) {
    StringBuilder out = new StringBuilder();
    out.append("allocatedBytes=").append(THREADS.getTotalThreadAllocatedBytes()).append('\n');
    out.append("firstChunkNanos=");
    int n = Math.min(SAMPLES.get(), MAX_SAMPLES);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(FIRST_CHUNK_NANOS[i]);
    }
    out.append('\n');
    if (reset) {
      SAMPLES.set(0);
    }
    return out.toString();
  }
}
