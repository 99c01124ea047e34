package io.parley.agent.llm.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Finish reasons by choice index (the last one seen per index), bounded to a few hundred. */
public final class FinishReasons {

  private static final int MAX_CHOICES = 256;

  private String[] byIndex;
  private int count;

  /** Records the reason for choice {@code index}; null or out-of-range values are ignored. */
  public void put(long index, String reason) {
    if (reason == null || index < 0 || index >= MAX_CHOICES) {
      return;
    }
    int i = (int) index;
    if (byIndex == null) {
      byIndex = new String[Math.max(4, i + 1)];
    } else if (i >= byIndex.length) {
      String[] grown = new String[Math.min(MAX_CHOICES, Math.max(i + 1, byIndex.length * 2))];
      System.arraycopy(byIndex, 0, grown, 0, byIndex.length);
      byIndex = grown;
    }
    if (byIndex[i] == null) {
      count++;
    }
    byIndex[i] = reason;
  }

  /** The reasons in choice-index order. */
  public List<String> toList() {
    if (count == 0) {
      return Collections.emptyList();
    }
    List<String> list = new ArrayList<String>(count);
    for (String reason : byIndex) {
      if (reason != null) {
        list.add(reason);
      }
    }
    return list;
  }
}
