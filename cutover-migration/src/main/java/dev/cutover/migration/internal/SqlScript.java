package dev.cutover.migration.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a SQL script into statements at top-level semicolons, aware of quoted strings,
 * quoted identifiers, back-ticks, line and block comments and PostgreSQL dollar quotes; and
 * substitutes {@code ${name}} placeholders. Thread-safe (stateless).
 */
public final class SqlScript {
  private SqlScript() {}

  /**
   * Replaces every {@code ${name}} with its value.
   *
   * @throws IllegalArgumentException naming the first placeholder without a value
   */
  public static String substitute(String sql, Map<String, String> values, String where) {
    StringBuilder b = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      int start = sql.indexOf("${", i);
      if (start < 0) {
        b.append(sql, i, sql.length());
        break;
      }
      int end = sql.indexOf('}', start + 2);
      if (end < 0) {
        throw new IllegalArgumentException(
            where + ": unterminated placeholder at offset " + start + " (expected ${name})");
      }
      String name = sql.substring(start + 2, end);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException(
            where + ": placeholder '${" + name + "}' has no value (known: "
                + String.join(", ", new java.util.TreeSet<>(values.keySet())) + ")");
      }
      b.append(sql, i, start).append(value);
      i = end + 1;
    }
    return b.toString();
  }

  /** Splits a script into its non-empty statements, without the terminating semicolons. */
  public static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n) {
          char d = sql.charAt(j);
          if (d == '\\' && c == '`') {
            j++;
          } else if (d == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        j = Math.min(j + 1, n);
        cur.append(sql, i, j);
        i = j;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int j = sql.indexOf('\n', i);
        j = j < 0 ? n : j;
        cur.append(sql, i, j);
        i = j;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int j = sql.indexOf("*/", i + 2);
        j = j < 0 ? n : j + 2;
        cur.append(sql, i, j);
        i = j;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int j = sql.indexOf(tag, i + tag.length());
        j = j < 0 ? n : j + tag.length();
        cur.append(sql, i, j);
        i = j;
      } else if (c == ';') {
        add(out, cur);
        i++;
      } else {
        cur.append(c);
        i++;
      }
    }
    add(out, cur);
    return out;
  }

  /** True when the statement is DDL (it commits implicitly on databases without transactional DDL). */
  public static boolean isDdl(String statement) {
    String s = stripLeadingComments(statement).toUpperCase(Locale.ROOT);
    return s.startsWith("CREATE")
        || s.startsWith("ALTER")
        || s.startsWith("DROP")
        || s.startsWith("RENAME")
        || s.startsWith("TRUNCATE")
        || s.startsWith("COMMENT");
  }

  private static String stripLeadingComments(String s) {
    String t = s.strip();
    while (true) {
      if (t.startsWith("--")) {
        int j = t.indexOf('\n');
        t = j < 0 ? "" : t.substring(j + 1).strip();
      } else if (t.startsWith("/*")) {
        int j = t.indexOf("*/");
        t = j < 0 ? "" : t.substring(j + 2).strip();
      } else {
        return t;
      }
    }
  }

  private static String dollarTag(String sql, int i) {
    int j = i + 1;
    while (j < sql.length()
        && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    if (j < sql.length() && sql.charAt(j) == '$') {
      String tag = sql.substring(i, j + 1);
      // "$1" is a positional parameter, not a tag
      if (tag.length() > 2 && Character.isDigit(tag.charAt(1))) {
        return null;
      }
      return tag;
    }
    return null;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    if (!stripLeadingComments(s).isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }
}
