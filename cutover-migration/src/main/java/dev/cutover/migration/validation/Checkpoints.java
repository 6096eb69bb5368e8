package dev.cutover.migration.validation;

import dev.cutover.migration.Evidence;
import dev.cutover.migration.jdbc.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The built-in checkpoints. Thread-safe (stateless). */
public final class Checkpoints {
  private static final int SAMPLE = 10;

  private Checkpoints() {}

  /**
   * Counts the rows of a table; passes when the count equals {@code expected}.
   *
   * @param table a plain SQL identifier
   * @param expected the expected count, non-negative
   * @return the checkpoint
   */
  public static Checkpoint rowCount(String table, long expected) {
    Dialect.checkIdentifier("table", table);
    if (expected < 0) {
      throw new IllegalArgumentException("expected row count must be non-negative, was " + expected);
    }
    return new Named("row-count:" + table) {
      @Override
      public CheckResult check(Connection c) throws SQLException {
        long n = count(c, table);
        return new CheckResult(name(), n == expected,
            n == expected ? "table " + table + " has " + n + " rows"
                : "table " + table + " has " + n + " rows, expected " + expected,
            Evidence.of("table", table, "rows", n, "expected", expected));
      }
    };
  }

  /**
   * Compares a table's content digest with an expected digest (e.g. the source's).
   *
   * @param digest the digest definition
   * @param expected the expected digest
   * @return the checkpoint
   */
  public static Checkpoint digestEquals(ContentDigest digest, TableDigest expected) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(expected, "expected");
    return new Named(digest.name()) {
      @Override
      public CheckResult check(Connection c) throws SQLException {
        TableDigest d = digest.compute(c);
        boolean ok = d.equals(expected);
        return new CheckResult(name(), ok,
            ok ? "content matches (" + d.rows() + " rows)"
                : "content digest " + d.digest() + " over " + d.rows() + " rows, expected "
                    + expected.digest() + " over " + expected.rows() + " rows",
            Evidence.of("rows", d.rows(), "digest", d.digest(), "expectedRows", expected.rows(),
                "expectedDigest", expected.digest()));
      }
    };
  }

  /**
   * Finds child rows whose foreign key has no parent row; passes when there are none.
   *
   * @param childTable the referencing table
   * @param foreignKey its referencing column
   * @param parentTable the referenced table
   * @param parentKey its referenced column
   * @return the checkpoint; evidence holds the count and up to 10 orphan key values
   */
  public static Checkpoint orphans(
      String childTable, String foreignKey, String parentTable, String parentKey) {
    Dialect.checkIdentifier("child table", childTable);
    Dialect.checkIdentifier("foreign key column", foreignKey);
    Dialect.checkIdentifier("parent table", parentTable);
    Dialect.checkIdentifier("parent key column", parentKey);
    String from = " FROM " + childTable + " c WHERE c." + foreignKey + " IS NOT NULL AND NOT EXISTS"
        + " (SELECT 1 FROM " + parentTable + " p WHERE p." + parentKey + " = c." + foreignKey + ")";
    return new Named("orphans:" + childTable + "." + foreignKey) {
      @Override
      public CheckResult check(Connection c) throws SQLException {
        long n;
        List<Object> sample = new ArrayList<>();
        try (Statement s = c.createStatement()) {
          try (ResultSet rs = s.executeQuery("SELECT COUNT(*)" + from)) {
            rs.next();
            n = rs.getLong(1);
          }
          if (n > 0) {
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT c." + foreignKey + from
                + " ORDER BY c." + foreignKey + " LIMIT " + SAMPLE)) {
              while (rs.next()) {
                sample.add(rs.getString(1));
              }
            }
          }
        }
        return new CheckResult(name(), n == 0,
            n == 0 ? "no orphans" : n + " row(s) of " + childTable + " reference a missing "
                + parentTable + "." + parentKey + " (e.g. " + sample + ")",
            Evidence.of("orphans", n, "sample", sample));
      }
    };
  }

  /**
   * A business invariant: a query whose single value must not change, e.g. {@code SELECT
   * SUM(balance) FROM accounts}. Capture the value before with {@link #measure(Connection,
   * String)}, then check that it is unchanged.
   *
   * @param name the invariant's name
   * @param query a query returning one row with one value
   * @param baseline the value captured before, as {@link #measure} returned it
   * @return the checkpoint
   */
  public static Checkpoint invariant(String name, String query, String baseline) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(baseline, "baseline");
    return new Named("invariant:" + name) {
      @Override
      public CheckResult check(Connection c) throws SQLException {
        String now = measure(c, query);
        boolean ok = now.equals(baseline);
        return new CheckResult(name(), ok,
            ok ? name + " unchanged at " + now : name + " changed from " + baseline + " to " + now,
            Evidence.of("before", baseline, "after", now));
      }
    };
  }

  /**
   * Measures a one-value query canonically: exact numbers as plain decimals without trailing
   * zeros, NULL as {@code null}, anything else as its string form.
   *
   * @param c the database
   * @param query a query returning one row with one value
   * @return the canonical value
   * @throws SQLException if the query fails
   * @throws IllegalArgumentException if it returns no row
   */
  public static String measure(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      if (!rs.next()) {
        throw new IllegalArgumentException("invariant query returned no row: " + query);
      }
      Object v = rs.getObject(1);
      if (v == null) {
        return "null";
      }
      if (v instanceof BigDecimal) {
        return RowEncoding.exact((BigDecimal) v);
      }
      if (v instanceof Number && !(v instanceof Double) && !(v instanceof Float)) {
        return RowEncoding.exact(new BigDecimal(v.toString()));
      }
      return v.toString();
    }
  }

  static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private abstract static class Named implements Checkpoint {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return "Checkpoint[" + name + "]";
    }
  }
}
