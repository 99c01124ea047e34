package io.parley.agent.llm.wire;

import io.parley.agent.log.ParleyLog;
import java.util.concurrent.TimeUnit;

/**
 * Says that a body could not be read: at most once per exchange and once a minute per API, and
 * never with the body's content (only why, e.g. the parser exception's class name).
 */
final class UnreadableBodyLog {

  private final ParleyLog log;
  private final String api;
  private boolean logged;

  /** @param api short name used in the line and as the rate-limit key, e.g. {@code ollama} */
  UnreadableBodyLog(ParleyLog log, String api) {
    this.log = log == null ? ParleyLog.get() : log;
    this.api = api;
  }

  void report(String what, String why) {
    if (logged) {
      return;
    }
    logged = true;
    log.warnRateLimited("wire.malformed." + api, 1, TimeUnit.MINUTES,
        "unreadable " + api + " " + what + " (" + why + "); its fields are left out");
  }
}
