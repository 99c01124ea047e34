package io.parley.agent.session;

import io.parley.agent.log.ParleyLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts refused ids per source kind and warns at most once a minute per kind, naming the source
 * and the reason but never the value (it may be a credential).
 */
public final class IdRejections {

  private static final IdSourceKind[] KINDS = IdSourceKind.values();

  private final ParleyLog log;
  private final LongAdder[] counts = new LongAdder[KINDS.length];
  private final LongAdder total = new LongAdder();

  public IdRejections(ParleyLog log) {
    this.log = log;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** Records one rejection; {@code name} is the header, key or cookie name, or null. */
  public void reject(IdSourceKind kind, String name, String reason) {
    LongAdder count = counts[kind.ordinal()];
    count.increment();
    total.increment();
    // building the line is the cold path: only invalid input gets here
    String message =
        "rejected "
            + kind.what()
            + " from "
            + kind.place()
            + (name == null ? "" : " " + name)
            + ": "
            + reason
            + "; "
            + kind.fallback()
            + " ("
            + count.sum()
            + " "
            + kind.what()
            + " rejections from "
            + kind.place()
            + " so far; values are never logged)";
    log.warnRateLimited(kind.logKey(), 1, TimeUnit.MINUTES, message);
  }

  /** All rejections since start. */
  public long total() {
    return total.sum();
  }

  /** Rejections of one source kind since start. */
  public long count(IdSourceKind kind) {
    return counts[kind.ordinal()].sum();
  }
}
