package io.parley.benchmarks.overhead;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load at fixed concurrency: each virtual user sends its next request as soon as
 * the previous answer is read, on its own keep-alive connection. A warm-up runs first; only the
 * requests that complete inside the measured window count, for throughput, for latency
 * percentiles (from all their sorted samples) and for allocation per request (the application's
 * allocation counter read at both ends of the window).
 */
final class LoadRun {

  /** What the measured window saw. */
  static final class Result {
    final String path;
    final long completed;
    final long errors;
    final double seconds;
    final long[] sortedLatencyNanos;
    final long allocatedBytes;
    /** CPU time the application's process used in the window (all its threads). */
    double cpuMillis = Double.NaN;
    /** Of {@link #cpuMillis}, the JIT compiler threads'. */
    double jitCpuMillis = Double.NaN;
    /** CPU per request by thread group, for the log. */
    String threadCpu = "";

    Result(String path, long completed, long errors, double seconds, long[] sortedLatencyNanos,
        long allocatedBytes) {
      this.path = path;
      this.completed = completed;
      this.errors = errors;
      this.seconds = seconds;
      this.sortedLatencyNanos = sortedLatencyNanos;
      this.allocatedBytes = allocatedBytes;
    }

    double throughput() {
      return completed / seconds;
    }

    double p50Millis() {
      return Samples.percentile(sortedLatencyNanos, 50) / 1e6;
    }

    double p99Millis() {
      return Samples.percentile(sortedLatencyNanos, 99) / 1e6;
    }

    /** Application CPU (user + system, all threads: request, agent, GC, JIT) per request. */
    double cpuMicrosPerRequest() {
      return completed == 0 ? Double.NaN : cpuMillis * 1000 / completed;
    }

    /** {@link #cpuMicrosPerRequest()} without the JIT compiler threads: the steady-state cost. */
    double cpuMicrosPerRequestWithoutJit() {
      return completed == 0 ? Double.NaN : (cpuMillis - jitCpuMillis) * 1000 / completed;
    }

    double allocatedKbPerRequest() {
      return allocatedBytes < 0 || completed == 0 ? Double.NaN : allocatedBytes / 1024.0 / completed;
    }
  }

  private LoadRun() {}

  /**
   * Runs {@code concurrency} virtual users against {@code path}; each user sends the headers of a
   * chat client: its own user id, and a session id that changes every {@code requestsPerSession}
   * requests.
   */
  static Result run(LaunchedApp app, String path, String sessionPrefix, int concurrency,
      long warmupMillis, long measureMillis, int requestsPerSession) throws InterruptedException {
    return run(app, java.util.Collections.singletonList(path), sessionPrefix, concurrency,
        warmupMillis, measureMillis, requestsPerSession);
  }

  /**
   * Load over several endpoints at once, each virtual user cycling through {@code paths}: the
   * JIT warm-up of a fresh JVM, which then compiles every endpoint's code paths together.
   */
  static Result run(LaunchedApp app, List<String> paths, String sessionPrefix, int concurrency,
      long warmupMillis, long measureMillis, int requestsPerSession) throws InterruptedException {
    String path = String.join("+", paths);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long windowStart = start + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
    long windowEnd = windowStart + TimeUnit.MILLISECONDS.toNanos(measureMillis);
    AtomicLong errors = new AtomicLong();
    List<Samples.LongList> latencies = new ArrayList<>();
    List<Thread> users = new ArrayList<>();
    for (int u = 0; u < concurrency; u++) {
      Samples.LongList mine = new Samples.LongList();
      latencies.add(mine);
      int user = u;
      Thread t = new Thread(() -> virtualUser(app.port, paths, sessionPrefix, user,
          requestsPerSession, start, windowStart, windowEnd, mine, errors), "vu-" + u);
      t.setDaemon(true);
      users.add(t);
    }
    users.forEach(Thread::start);
    long allocatedAtStart = allocatedAt(app, windowStart);
    double cpuAtStart = LaunchedApp.cpuMillis(app.process.pid());
    java.util.Map<String, Object[]> threadsAtStart = ThreadCpu.snapshot(app.process.pid());
    long allocatedAtEnd = allocatedAt(app, windowEnd);
    double cpuAtEnd = LaunchedApp.cpuMillis(app.process.pid());
    java.util.Map<String, Object[]> threadsAtEnd = ThreadCpu.snapshot(app.process.pid());
    for (Thread t : users) {
      t.join(TimeUnit.MINUTES.toMillis(2));
    }
    int total = 0;
    for (Samples.LongList l : latencies) {
      total += l.size();
    }
    long[] all = new long[total];
    int k = 0;
    for (Samples.LongList l : latencies) {
      long[] a = l.toArray();
      System.arraycopy(a, 0, all, k, a.length);
      k += a.length;
    }
    Arrays.sort(all);
    long allocated = allocatedAtStart < 0 || allocatedAtEnd < 0 ? -1 : allocatedAtEnd - allocatedAtStart;
    Result result = new Result(path, total, errors.get(), (windowEnd - windowStart) / 1e9, all,
        allocated);
    result.cpuMillis = cpuAtEnd - cpuAtStart;
    java.util.Map<String, Double> groups = ThreadCpu.delta(threadsAtStart, threadsAtEnd);
    result.threadCpu = ThreadCpu.describe(groups, total);
    double compiler = 0;
    for (java.util.Map.Entry<String, Double> g : groups.entrySet()) {
      if (ThreadCpu.isCompiler(g.getKey())) {
        compiler += g.getValue();
      }
    }
    result.jitCpuMillis = compiler;
    return result;
  }

  private static long allocatedAt(LaunchedApp app, long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    try {
      return app.stats(false).allocatedBytes;
    } catch (IOException e) {
      return -1;
    }
  }

  private static void virtualUser(int port, List<String> paths, String sessionPrefix, int user,
      int requestsPerSession, long start, long windowStart, long windowEnd,
      Samples.LongList latencies, AtomicLong errors) {
    BenchHttpClient.Response response = new BenchHttpClient.Response();
    try (BenchHttpClient client = new BenchHttpClient(port, 30_000)) {
      long wait = start - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long sent = 0;
      while (System.nanoTime() < windowEnd) {
        String path = paths.get((int) (sent % paths.size()));
        long session = sent++ / requestsPerSession;
        byte[] request = BenchHttpClient.get(port, path,
            "X-Session-Id: " + sessionPrefix + "-u" + user + "-s" + session,
            "X-User-Id: user-" + user);
        long before = System.nanoTime();
        try {
          client.exchange(request, response);
        } catch (IOException e) {
          errors.incrementAndGet();
          TimeUnit.MILLISECONDS.sleep(10);
          continue;
        }
        long after = System.nanoTime();
        if (response.status != 200) {
          errors.incrementAndGet();
        } else if (after >= windowStart && after <= windowEnd) {
          latencies.add(after - before);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Time to first chunk: sequential streamed requests, as the client and as the app saw them. */
  static final class FirstChunks {
    final long[] clientNanos;
    final long[] appNanos;

    FirstChunks(long[] clientNanos, long[] appNanos) {
      this.clientNanos = clientNanos;
      this.appNanos = appNanos;
    }
  }

  static FirstChunks firstChunks(LaunchedApp app, String path, int count) throws IOException {
    app.stats(true);
    long[] client = new long[count];
    BenchHttpClient.Response response = new BenchHttpClient.Response();
    try (BenchHttpClient http = new BenchHttpClient(app.port, 30_000)) {
      for (int i = 0; i < count; i++) {
        byte[] request = BenchHttpClient.get(app.port, path,
            "X-Session-Id: first-chunk-" + i, "X-User-Id: user-first-chunk");
        long sent = System.nanoTime();
        http.exchange(request, response);
        if (response.status != 200 || response.firstBodyByteNanos == 0) {
          throw new IOException(path + ": status " + response.status + ", "
              + response.bodyBytes + " body bytes");
        }
        client[i] = response.firstBodyByteNanos - sent;
      }
    }
    return new FirstChunks(client, app.stats(true).firstChunkNanos);
  }
}
