package io.parley.agent.config;

import java.util.Collection;
import java.util.Locale;

/** Finds the valid key a mistyped one was most likely meant to be, by edit distance. */
final class KeySuggestion {

  private KeySuggestion() {}

  /**
   * The candidate closest to {@code unknown} (ignoring letter case and the shared {@code prefix}),
   * or null when even the closest differs in more than a third of the characters.
   */
  static String closest(String unknown, Collection<String> candidates, String prefix) {
    String typed = strip(unknown, prefix);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(typed, strip(candidate, prefix));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance * 3 <= typed.length() ? best : null;
  }

  private static String strip(String key, String prefix) {
    String lower = key.toLowerCase(Locale.ROOT);
    String lowerPrefix = prefix.toLowerCase(Locale.ROOT);
    return lower.startsWith(lowerPrefix) ? lower.substring(lowerPrefix.length()) : lower;
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
