package dev.cutover.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Levenshtein distance, for "did you mean" hints. */
final class EditDistance {
  private EditDistance() {}

  static int between(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The candidates closest to {@code word}, nearest first, at most {@code limit}. */
  static List<String> closest(String word, Iterable<String> candidates, int limit) {
    record Scored(String s, int d) {}
    List<Scored> all = new ArrayList<>();
    for (String c : candidates) {
      all.add(new Scored(c, between(word, c)));
    }
    all.sort(Comparator.comparingInt(Scored::d).thenComparing(Scored::s));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, all.size()); i++) {
      out.add(all.get(i).s());
    }
    return out;
  }

  /** The single closest candidate if it is close enough to be a likely typo, else null. */
  static String suggestion(String word, Iterable<String> candidates) {
    List<String> best = closest(word, candidates, 1);
    if (best.isEmpty()) {
      return null;
    }
    int d = between(word, best.get(0));
    return d <= Math.max(2, word.length() / 3) ? best.get(0) : null;
  }
}
