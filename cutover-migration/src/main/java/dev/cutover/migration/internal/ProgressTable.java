package dev.cutover.migration.internal;

import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table where chunked steps persist their progress, written in the same transaction as each
 * chunk: {@code step_id}, {@code position} and {@code position2} (the last key / watermark
 * committed), {@code chunks}, {@code row_count}, {@code done}. Thread-safe (stateless).
 */
public final class ProgressTable {
  /** The default table name. */
  public static final String DEFAULT_TABLE = "cutover_progress";

  private final String table;

  /** A progress table with the given (already checked) name. */
  public ProgressTable(String table) {
    this.table = Dialect.checkIdentifier("progress table", table);
  }

  /** The table name. */
  public String table() {
    return table;
  }

  /** Progress of one step. */
  public record Progress(
      long position, long position2, long chunks, long rows, boolean done, boolean started) {}

  /** Creates the table unless it exists (auto-commit connection). */
  public void create(Connection c, Dialect d) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(d.createTableIfNotExists(table,
          "step_id " + d.keyType(200) + " NOT NULL PRIMARY KEY, position " + d.bigintType()
              + " NOT NULL, position2 " + d.bigintType() + " NOT NULL, chunks " + d.bigintType()
              + " NOT NULL, row_count " + d.bigintType() + " NOT NULL, done "
              + d.booleanType() + " NOT NULL"));
    } catch (SQLException e) {
      // another process may have created it at the same moment
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT COUNT(*) FROM " + table).close();
      } catch (SQLException stillMissing) {
        e.addSuppressed(stillMissing);
        throw e;
      }
    }
  }

  /** Reads a step's progress; not started gives position {@code start} and started false. */
  public Progress read(Connection c, String stepId, long start) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT position, position2, chunks, row_count, done FROM " + table
            + " WHERE step_id = ?")) {
      p.setString(1, stepId);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return new Progress(start, Long.MIN_VALUE, 0, 0, false, false);
        }
        return new Progress(
            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5), true);
      }
    }
  }

  /** Writes a step's progress in the caller's transaction. */
  public void write(Connection c, String stepId, Progress p, boolean exists) throws SQLException {
    String sql = exists
        ? "UPDATE " + table + " SET position = ?, position2 = ?, chunks = ?, row_count = ?,"
            + " done = ? WHERE step_id = ?"
        : "INSERT INTO " + table + " (position, position2, chunks, row_count, done, step_id)"
            + " VALUES (?,?,?,?,?,?)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, p.position());
      s.setLong(2, p.position2());
      s.setLong(3, p.chunks());
      s.setLong(4, p.rows());
      s.setBoolean(5, p.done());
      s.setString(6, stepId);
      s.executeUpdate();
    }
  }
}
