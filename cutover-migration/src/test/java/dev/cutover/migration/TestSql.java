package dev.cutover.migration;

import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.testing.FreshDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for tests. */
@SuppressWarnings("exports")
public final class TestSql {
  private TestSql() {}

  /** A connection factory for a fresh test database. */
  public static ConnectionFactory factory(FreshDatabase db) {
    return ConnectionFactory.of(db.url(), db.user(), db.password());
  }

  /** Runs statements on a new connection. */
  public static void exec(FreshDatabase db, String... sql) throws SQLException {
    try (Connection c = db.connect()) {
      exec(c, sql);
    }
  }

  /** Runs statements. */
  public static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /** The first column of the first row as a long. */
  public static long queryLong(FreshDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** True when the table exists (a query on it succeeds). */
  public static boolean tableExists(FreshDatabase db, String table) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT COUNT(*) FROM " + table).close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
