package io.pingbase.config;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt keys and names: the closest candidate, or null when none is close. */
final class Suggestions {
  private Suggestions() {}

  static String closest(String input, Collection<String> candidates) {
    String wanted = normalise(input);
    String nearest = null;
    int nearestDistance = Integer.MAX_VALUE;
    String prefixed = null;
    for (String candidate : candidates) {
      String normalised = normalise(candidate);
      if (normalised.equals(wanted)) {
        return candidate; // degradedAfter, degraded_after, Degraded-After
      }
      int distance = distance(wanted, normalised);
      if (distance < nearestDistance) {
        nearest = candidate;
        nearestDistance = distance;
      }
      // "hostname" for "host", "degraded" for "degraded-after"
      boolean prefix = Math.min(wanted.length(), normalised.length()) >= 4
          && (wanted.startsWith(normalised) || normalised.startsWith(wanted));
      if (prefix && prefixed == null) {
        prefixed = candidate;
      }
    }
    // One typo per three letters, at most three: "intervall", "timout", "tpc". Words of two
    // letters get no guess: "ip" is not a typo of "id".
    int allowed = wanted.length() < 3 ? 0 : Math.min(3, wanted.length() / 3);
    return nearest != null && nearestDistance <= allowed ? nearest : prefixed;
  }

  /** {@code ; did you mean "interval"?} or nothing. */
  static String hint(String input, Collection<String> candidates) {
    String closest = closest(input, candidates);
    return closest == null ? "" : "; did you mean \"" + closest + "\"?";
  }

  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /**
   * Edit distance counting a swap of two neighbours as one edit (optimal string alignment), since
   * "tpc" for "tcp" is one slip, not two. Keys are short, so the quadratic table is fine.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
