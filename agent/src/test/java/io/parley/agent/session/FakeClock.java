package io.parley.agent.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand; serves both millis (sessions) and nanos (log rate limits). */
final class FakeClock {

  private final AtomicLong millis = new AtomicLong(1_000_000L);

  long millis() {
    return millis.get();
  }

  long nanos() {
    return millis.get() * 1_000_000L;
  }

  void advance(Duration by) {
    millis.addAndGet(by.toMillis());
  }
}
