package dev.cutover.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What differs between two {@link DatabaseState}s: schema changes (tables and columns created or
 * dropped) and the rows that were added, removed or changed, each as one readable line such as
 * {@code accounts id=7: balance 10.00 -> 20.00}. Immutable and thread-safe.
 *
 * @param schemaChanges tables and columns created or dropped, one line each
 * @param rowChanges rows added, removed or changed, one line each, by table then key
 */
public record StateDiff(List<String> schemaChanges, List<String> rowChanges) {
  /** How many row lines {@link #toString()} shows. */
  public static final int DEFAULT_SHOWN = 10;

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public StateDiff {
    schemaChanges = List.copyOf(schemaChanges);
    rowChanges = List.copyOf(rowChanges);
  }

  /**
   * Whether the states are equal.
   *
   * @return true when nothing differs
   */
  public boolean isEmpty() {
    return schemaChanges.isEmpty() && rowChanges.isEmpty();
  }

  /**
   * Renders the differences with at most {@code shown} row lines, e.g. {@code 2 rows differ
   * (showing 2 of 2): accounts id=7: balance 10.00 -> 20.00; ...}.
   *
   * @param shown how many row lines to show, at least 0
   * @return the text; {@code no differences} when empty
   * @throws IllegalArgumentException if shown is negative
   */
  public String render(int shown) {
    if (shown < 0) {
      throw new IllegalArgumentException("shown must be non-negative, was " + shown);
    }
    if (isEmpty()) {
      return "no differences";
    }
    StringBuilder b = new StringBuilder();
    for (String s : schemaChanges) {
      b.append(b.length() == 0 ? "" : "; ").append(s);
    }
    if (!rowChanges.isEmpty()) {
      int n = rowChanges.size();
      int k = Math.min(shown, n);
      b.append(b.length() == 0 ? "" : "; ")
          .append(n).append(n == 1 ? " row differs" : " rows differ")
          .append(" (showing ").append(k).append(" of ").append(n).append(')')
          .append(k == 0 ? "" : ":");
      for (int i = 0; i < k; i++) {
        b.append(i == 0 ? " " : "; ").append(rowChanges.get(i));
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return render(DEFAULT_SHOWN);
  }

  static StateDiff between(Map<String, TableState> before, Map<String, TableState> after) {
    List<String> schema = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      TableState a = before.get(name);
      TableState b = after.get(name);
      if (a == null) {
        schema.add("table " + name + " was created (" + b.rowCount() + " rows)");
        continue;
      }
      if (b == null) {
        schema.add("table " + name + " was dropped (" + a.rowCount() + " rows)");
        continue;
      }
      for (String col : a.columns()) {
        if (!b.columns().contains(col)) {
          schema.add("column " + name + "." + col + " was dropped");
        }
      }
      for (String col : b.columns()) {
        if (!a.columns().contains(col)) {
          schema.add("column " + name + "." + col + " was added");
        }
      }
      if (!a.contentDigest().equals(b.contentDigest()) || !a.columns().equals(b.columns())) {
        rows(name, a, b, rows);
      }
    }
    return new StateDiff(schema, rows);
  }

  private static void rows(String name, TableState a, TableState b, List<String> out) {
    boolean keyed = !a.keyColumns().isEmpty() && a.keyColumns().equals(b.keyColumns());
    TreeSet<String> keys = new TreeSet<>(StateDiff::natural);
    keys.addAll(a.rows().keySet());
    keys.addAll(b.rows().keySet());
    if (!keyed && !a.columns().equals(b.columns())) {
      // Rows of an unkeyed table whose columns changed cannot be matched up: count them instead.
      out.add(name + ": " + a.rowCount() + " rows before, " + b.rowCount() + " after");
      return;
    }
    for (String key : keys) {
      TableState.Row ra = a.rows().get(key);
      TableState.Row rb = b.rows().get(key);
      String row = keyed ? name + " " + key : name + " (" + key + ")";
      if (ra == null) {
        out.add(row + ": row added" + (keyed ? " (" + others(rb, a.keyColumns()) + ")" : copies(rb)));
      } else if (rb == null) {
        out.add(row + ": row removed" + (keyed ? " (" + others(ra, a.keyColumns()) + ")" : copies(ra)));
      } else if (!keyed) {
        if (ra.copies() != rb.copies()) {
          out.add(row + ": " + ra.copies() + " copies -> " + rb.copies());
        }
      } else {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : ra.values().entrySet()) {
          String now = rb.values().get(e.getKey());
          if (now != null && !Objects.equals(e.getValue(), now)) {
            changes.add(e.getKey() + " " + e.getValue() + " -> " + now);
          }
        }
        if (!changes.isEmpty()) {
          out.add(name + " " + key + ": " + String.join(", ", changes));
        }
      }
    }
  }

  /** Orders {@code id=2} before {@code id=10}: runs of digits compare as numbers. */
  static int natural(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      char a = x.charAt(i);
      char b = y.charAt(j);
      if (Character.isDigit(a) && Character.isDigit(b)) {
        int si = i;
        int sj = j;
        while (i < x.length() && Character.isDigit(x.charAt(i))) {
          i++;
        }
        while (j < y.length() && Character.isDigit(y.charAt(j))) {
          j++;
        }
        String na = x.substring(si, i).replaceFirst("^0+(?=.)", "");
        String nb = y.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
      } else {
        if (a != b) {
          return Character.compare(a, b);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(x.length() - i, y.length() - j);
    return c != 0 ? c : x.compareTo(y);
  }

  private static String others(TableState.Row row, List<String> keys) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : row.values().entrySet()) {
      if (!keys.contains(e.getKey())) {
        parts.add(e.getKey() + "=" + e.getValue());
      }
    }
    return String.join(", ", parts);
  }

  private static String copies(TableState.Row row) {
    return row.copies() == 1 ? "" : " (" + row.copies() + " copies)";
  }
}
