package io.parley.smoke.hardening;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts a hardening test class states: faults injected, inputs tried, bytes compared, ...,
 * printed as one {@code [hardening]} line when the class ends (and kept in docs/hardening.md).
 */
final class HardeningReport {

  private final String name;
  private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();

  HardeningReport(Class<?> testClass) {
    this.name = testClass.getSimpleName();
  }

  /** Adds {@code n} to the count called {@code what}. */
  synchronized void add(String what, long n) {
    counts.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
  }

  synchronized long get(String what) {
    AtomicLong count = counts.get(what);
    return count == null ? 0 : count.get();
  }

  /** A measured value stated as is (a latency, a heap size). */
  synchronized void note(String what, String value) {
    notes.put(what, value);
  }

  synchronized String line() {
    StringBuilder line = new StringBuilder("[hardening] ").append(name).append(':');
    String separator = " ";
    for (Map.Entry<String, AtomicLong> count : counts.entrySet()) {
      line.append(separator).append(count.getKey()).append('=').append(String.format("%,d", count.getValue().get()));
      separator = ", ";
    }
    for (Map.Entry<String, String> note : notes.entrySet()) {
      line.append(separator).append(note.getKey()).append('=').append(note.getValue());
      separator = ", ";
    }
    return line.toString();
  }

  void print() {
    System.out.println(line());
  }
}
