package dev.cutover.migration.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a SQL script into statements at top-level semicolons, aware of quoted strings, quoted
 * identifiers, back-ticks, line and block comments, PostgreSQL dollar quotes and escape strings,
 * and MariaDB's backslash escapes, {@code #} comments and {@code DELIMITER} lines; tells which
 * statements commit implicitly or cannot run in a transaction; and substitutes {@code ${name}}
 * placeholders. Thread-safe (stateless).
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

  /**
   * Splits a script into its non-empty statements, without the terminating semicolons, in
   * standard SQL (H2, PostgreSQL): a backslash escapes only inside PostgreSQL's {@code E'...'}
   * strings.
   */
  public static List<String> split(String sql) {
    return split(sql, false);
  }

  /**
   * Splits a script into its non-empty statements, without their delimiters.
   *
   * @param sql the script
   * @param mysql MariaDB and MySQL syntax, as their command-line client reads it: a backslash
   *     escapes the next character in {@code '...'} and {@code "..."} strings, {@code #} starts a
   *     comment, there are no dollar quotes, and a line {@code DELIMITER //} sets the delimiter
   *     that ends the statements after it (for procedures and triggers with {@code ;} inside)
   * @return the statements
   */
  public static List<String> split(String sql, boolean mysql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    String delimiter = ";";
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (mysql && atLineStart(sql, i)) {
        int eol = sql.indexOf('\n', i);
        eol = eol < 0 ? n : eol;
        Matcher m = DELIMITER.matcher(sql.substring(i, eol));
        if (m.matches()) {
          add(out, cur);
          delimiter = m.group(1);
          i = eol;
          continue;
        }
      }
      if (c == '\'' || c == '"' || c == '`') {
        boolean backslash = c != '`' && (mysql || c == '\'' && escapeString(sql, i));
        int j = i + 1;
        while (j < n) {
          char d = sql.charAt(j);
          if (d == '\\' && backslash) {
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
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || mysql && c == '#') {
        int j = sql.indexOf('\n', i);
        j = j < 0 ? n : j;
        cur.append(sql, i, j);
        i = j;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int j = sql.indexOf("*/", i + 2);
        j = j < 0 ? n : j + 2;
        cur.append(sql, i, j);
        i = j;
      } else if (!mysql && c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int j = sql.indexOf(tag, i + tag.length());
        j = j < 0 ? n : j + tag.length();
        cur.append(sql, i, j);
        i = j;
      } else if (sql.startsWith(delimiter, i)) {
        add(out, cur);
        i += delimiter.length();
      } else {
        cur.append(c);
        i++;
      }
    }
    add(out, cur);
    return out;
  }

  private static final Pattern DELIMITER =
      Pattern.compile("[ \\t]*(?i:DELIMITER)[ \\t]+(\\S+)[ \\t]*\\r?");

  private static boolean atLineStart(String sql, int i) {
    return i == 0 || sql.charAt(i - 1) == '\n';
  }

  /** True at the quote of a PostgreSQL escape string: {@code E'...'}, the E not ending a word. */
  private static boolean escapeString(String sql, int quote) {
    if (quote == 0 || (sql.charAt(quote - 1) != 'E' && sql.charAt(quote - 1) != 'e')) {
      return false;
    }
    return quote == 1 || !isWordChar(sql.charAt(quote - 2));
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /**
   * True when the statement changes the schema or otherwise commits the open transaction on a
   * database without transactional DDL: on MariaDB and MySQL also {@code GRANT}, {@code REVOKE},
   * {@code LOCK}/{@code UNLOCK TABLES}, {@code ANALYZE}/{@code CHECK}/{@code OPTIMIZE}/{@code
   * REPAIR TABLE}, {@code FLUSH}, {@code RESET}, {@code CACHE INDEX}, {@code LOAD INDEX}, {@code
   * INSTALL}/{@code UNINSTALL} and {@code SET PASSWORD}.
   */
  public static boolean isDdl(String statement) {
    String[] w = firstWords(statement, 2);
    switch (w[0]) {
      case "CREATE":
      case "ALTER":
      case "DROP":
      case "RENAME":
      case "TRUNCATE":
      case "COMMENT":
      case "GRANT":
      case "REVOKE":
      case "LOCK":
      case "UNLOCK":
      case "FLUSH":
      case "RESET":
      case "INSTALL":
      case "UNINSTALL":
        return true;
      case "ANALYZE":
      case "CHECK":
      case "OPTIMIZE":
      case "REPAIR":
        return w[1].equals("TABLE") || w[1].equals("TABLES") || w[1].equals("NO_WRITE_TO_BINLOG")
            || w[1].equals("LOCAL");
      case "CACHE":
        return w[1].equals("INDEX");
      case "LOAD":
        return w[1].equals("INDEX");
      case "SET":
        return w[1].equals("PASSWORD");
      default:
        return false;
    }
  }

  /**
   * True when the statement cannot run inside a transaction on any database that has it, or
   * controls the transaction itself: {@code VACUUM}, {@code CREATE}/{@code DROP INDEX
   * CONCURRENTLY}, {@code REINDEX ... CONCURRENTLY}, {@code CREATE}/{@code DROP DATABASE} and
   * {@code TABLESPACE}, {@code ALTER SYSTEM}, and {@code BEGIN}, {@code START TRANSACTION},
   * {@code COMMIT}, {@code END}, {@code ROLLBACK} (not to a savepoint), {@code PREPARE
   * TRANSACTION}.
   */
  public static boolean needsAutoCommit(String statement) {
    String[] w = firstWords(statement, 4);
    switch (w[0]) {
      case "VACUUM":
      case "BEGIN":
      case "COMMIT":
      case "END":
        return true;
      case "START":
        return w[1].equals("TRANSACTION");
      case "ROLLBACK":
        return !w[1].equals("TO") && !(w[1].equals("WORK") && w[2].equals("TO"));
      case "PREPARE":
        return w[1].equals("TRANSACTION");
      case "REINDEX":
        return stripLeadingComments(statement).toUpperCase(Locale.ROOT)
            .matches("(?s).*\\bCONCURRENTLY\\b.*");
      case "ALTER":
        return w[1].equals("SYSTEM");
      case "CREATE":
      case "DROP":
        return w[1].equals("DATABASE") || w[1].equals("TABLESPACE")
            || w[1].equals("INDEX") && w[2].equals("CONCURRENTLY")
            || w[1].equals("UNIQUE") && w[2].equals("INDEX") && w[3].equals("CONCURRENTLY");
      default:
        return false;
    }
  }

  /** The first {@code count} words of a statement after its comments, upper case; "" past the end. */
  private static String[] firstWords(String statement, int count) {
    String s = stripLeadingComments(statement);
    String[] words = new String[count];
    Arrays.fill(words, "");
    int i = 0;
    for (int w = 0; w < count; w++) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < s.length() && isWordChar(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        break;
      }
      words[w] = s.substring(start, i).toUpperCase(Locale.ROOT);
    }
    return words;
  }

  private static String stripLeadingComments(String s) {
    String t = s.strip();
    while (true) {
      if (t.startsWith("--") || t.startsWith("#")) {
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
