package io.parley.agent.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands out turn numbers per session: the session's previous turn + 1, or the client's valid
 * {@code X-Turn-Number}. Remembers at most {@code maxSessions} sessions, least recently used
 * forgotten first, so memory stays bounded.
 */
public final class TurnNumbers {

  private final Map<String, Long> lastTurn;

  public TurnNumbers(final int maxSessions) {
    this.lastTurn =
        new LinkedHashMap<String, Long>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > maxSessions;
          }
        };
  }

  /**
   * The number of a new turn of {@code sessionId}. An override is used as is, and later turns
   * continue above it so that numbers never repeat.
   */
  public synchronized long next(String sessionId, Long override) {
    Long previous = lastTurn.get(sessionId);
    long turn = override != null ? override : (previous == null ? 1 : previous + 1);
    lastTurn.put(sessionId, previous == null ? turn : Math.max(previous, turn));
    return turn;
  }

  /** Sessions currently remembered. */
  public synchronized int size() {
    return lastTurn.size();
  }
}
