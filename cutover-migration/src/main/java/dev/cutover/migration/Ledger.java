package dev.cutover.migration;

import dev.cutover.migration.jdbc.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger: a table in the target database with one row per applied step, created on first
 * use. It is how a database knows what has been applied across many cutovers.
 *
 * <p>Columns: {@code step_key} (primary key, see {@link #key(String)}), {@code step_id}, {@code
 * checksum}, {@code state} ({@link LedgerState}), {@code in_transaction}, {@code cutover_id},
 * {@code audit_seq}, {@code audit_hash}, {@code applied_by}, {@code applied_at} (RFC 3339 UTC),
 * {@code duration_ms}, {@code detail}. Immutable and thread-safe; the connections passed in are
 * not shared.
 *
 * <p>The primary key is a 64-bit key derived from the step id rather than the id itself: it keeps
 * step ids unique, so that a second runner that races the first for a transactional step rolls
 * back instead of applying it twice, without a second index beside the table's own. On H2 a
 * {@code BIGINT} primary key is the table's row key; a text key is a separate index that every row
 * is written to as well. A read of the whole table checks each row's key against its step id, so
 * a row written or upgraded by hand with a wrong key is refused rather than read past.
 */
public final class Ledger {
  /** The default table name. */
  public static final String DEFAULT_TABLE = "cutover_ledger";

  private static final int DETAIL_MAX = 2000;
  private static final int COLUMNS = 12;
  private static final int ROWS_PER_INSERT = 100;

  private final String table;
  private final String select;
  private final String insert;
  private final String update;
  private final String markApplied;
  private final String insertHead;
  private final Map<Dialect, String> createSql = new EnumMap<>(Dialect.class);

  private Ledger(String table) {
    this.table = table;
    for (Dialect d : Dialect.values()) {
      createSql.put(d, d.createTableIfNotExists(table, body(d)));
    }
    String cols =
        "step_key, step_id, checksum, state, in_transaction, cutover_id, audit_seq, audit_hash,"
            + " applied_by, applied_at, duration_ms, detail";
    this.select = "SELECT " + cols + " FROM " + table;
    this.insertHead = "INSERT INTO " + table + " (" + cols + ") VALUES ";
    this.insert = insertHead + ROW;
    this.update =
        "UPDATE " + table + " SET checksum = ?, state = ?, in_transaction = ?, cutover_id = ?,"
            + " audit_seq = ?, audit_hash = ?, applied_by = ?, applied_at = ?, duration_ms = ?,"
            + " detail = ? WHERE step_key = ? AND step_id = ?";
    this.markApplied =
        "UPDATE " + table + " SET state = ?, applied_at = ?, duration_ms = ?, detail = ?"
            + " WHERE step_key = ? AND step_id = ? AND state = '" + LedgerState.STARTED.name()
            + "'";
  }

  /**
   * A ledger in the given table.
   *
   * @param table a plain SQL identifier, optionally schema-qualified
   * @return the ledger
   * @throws IllegalArgumentException if the name is not a plain identifier
   */
  public static Ledger named(String table) {
    return new Ledger(Dialect.checkIdentifier("ledger table", table));
  }

  /** The table name. */
  public String table() {
    return table;
  }

  /**
   * Creates the table unless it exists.
   *
   * @param connection a connection in auto-commit mode
   * @param dialect its dialect
   * @throws LedgerException if the table cannot be created
   */
  public void create(Connection connection, Dialect dialect) {
    try {
      createIfNotExists(connection, dialect);
    } catch (SQLException e) {
      if (selects(connection, "*")) {
        return; // another process created it at the same moment
      }
      throw new LedgerException(
          table, "cannot create ledger table '" + table + "': " + e.getMessage(), e);
    }
  }

  private void createIfNotExists(Connection c, Dialect dialect) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(createSql.get(dialect));
    }
  }

  /**
   * The key of a step's row: the first 8 bytes of the SHA-256 of the step id's UTF-8 bytes, read
   * as a big-endian signed 64-bit integer. It is the ledger's primary key, so two distinct step
   * ids share a row only if their keys collide (for n steps, a chance of about n&sup2; /
   * 2<sup>65</sup>); the database then refuses the second row.
   *
   * @param stepId the step id
   * @return its key
   */
  public static long key(String stepId) {
    return key(sha256(), stepId);
  }

  private static long key(MessageDigest sha256, String stepId) {
    byte[] d = sha256.digest(stepId.getBytes(StandardCharsets.UTF_8));
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (d[i] & 0xff);
    }
    return k;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The column definitions of the table. */
  private static String body(Dialect dialect) {
    return "step_key " + dialect.bigintType() + " NOT NULL PRIMARY KEY, "
            + "step_id " + dialect.keyType(200) + " NOT NULL, "
            + "checksum " + dialect.varcharType(64) + " NOT NULL, "
            + "state " + dialect.varcharType(16) + " NOT NULL, "
            + "in_transaction " + dialect.booleanType() + " NOT NULL, "
            + "cutover_id " + dialect.varcharType(200) + " NOT NULL, "
            + "audit_seq " + dialect.bigintType() + ", "
            + "audit_hash " + dialect.varcharType(64) + ", "
            + "applied_by " + dialect.varcharType(200) + " NOT NULL, "
            + "applied_at " + dialect.varcharType(32) + " NOT NULL, "
            + "duration_ms " + dialect.bigintType() + " NOT NULL, "
            + "detail " + dialect.varcharType(DETAIL_MAX) + " NOT NULL";
  }

  /**
   * Reads every row, creating the table on first use. One query when the table exists.
   *
   * @param connection a connection in auto-commit mode (a failed read must not poison a transaction)
   * @param dialect its dialect
   * @return the rows by step id, in no particular order
   * @throws LedgerException if the table cannot be read or created
   */
  public Map<String, LedgerEntry> read(Connection connection, Dialect dialect) {
    return read(connection, dialect, this::readRows);
  }

  /**
   * Reads the row of one step, creating the table on first use: one query by primary key, however
   * many rows the ledger holds.
   *
   * @param connection a connection in auto-commit mode (a failed read must not poison a transaction)
   * @param dialect its dialect
   * @param stepId the step
   * @return the step's row, or empty if the ledger has none
   * @throws LedgerException if the table cannot be read or created
   */
  public Optional<LedgerEntry> read(Connection connection, Dialect dialect, String stepId) {
    Objects.requireNonNull(stepId, "stepId");
    return read(connection, dialect, c -> readRow(c, stepId));
  }

  /** A query of the ledger table. */
  private interface Query<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs a query, creating the table first if it is missing. */
  private <T> T read(Connection c, Dialect dialect, Query<T> query) {
    createIfUnlisted(c, dialect);
    try {
      return query.run(c);
    } catch (SQLException first) {
      create(c, dialect);
      try {
        return query.run(c);
      } catch (SQLException e) {
        e.addSuppressed(first);
        throw new LedgerException(table,
            "cannot read ledger table '" + table + "': " + e.getMessage() + layoutHint(c), e);
      }
    }
  }

  /**
   * Why a table that exists cannot be read, where the reason is its layout: the pre-releases of
   * Cutover keyed the ledger by {@code step_id} and had no {@code step_key}.
   */
  private String layoutHint(Connection c) {
    if (!selects(c, "step_id") || selects(c, "step_key")) {
      return "";
    }
    return "; the table has no step_key column: a Cutover pre-release created it with step_id as"
        + " its primary key, and docs/migrations.md (\"A ledger from a pre-release\") shows the"
        + " statements that upgrade it";
  }

  /** Whether the table exists and has the column ({@code *}: any). */
  private boolean selects(Connection c, String column) {
    try (Statement s = c.createStatement()) {
      s.executeQuery("SELECT " + column + " FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Makes sure the table exists before it is read, where that is cheaper than probing it with a
   * failing query. On H2 that is {@code CREATE TABLE IF NOT EXISTS}, which does nothing to an
   * existing table and costs about as much as the read; a failed query there builds an exception
   * and a list of similar table names. On MariaDB and MySQL, whose driver logs every failed
   * statement as a warning, the table is looked up in the catalog and created if it is not there.
   * On PostgreSQL, and if this step fails (a user without the right to create tables, say), the
   * read's own failure is the probe.
   */
  private void createIfUnlisted(Connection c, Dialect dialect) {
    if (dialect == Dialect.H2) {
      try {
        createIfNotExists(c, dialect);
      } catch (SQLException e) {
        // not allowed to create it, or another failure: the read below reports it
      }
      return;
    }
    if (dialect != Dialect.MARIADB) {
      return;
    }
    int dot = table.indexOf('.');
    String sql = "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
        + (dot < 0 ? "DATABASE()" : "?") + " AND TABLE_NAME = ?";
    boolean listed;
    try (PreparedStatement p = c.prepareStatement(sql)) {
      int i = 1;
      if (dot >= 0) {
        p.setString(i++, table.substring(0, dot));
      }
      p.setString(i, table.substring(dot + 1));
      try (ResultSet rs = p.executeQuery()) {
        listed = rs.next() && rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      return;
    }
    if (!listed) {
      create(c, dialect);
    }
  }

  private Map<String, LedgerEntry> readRows(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(select)) {
      return rows(rs);
    }
  }

  /** The row of one step, found by its key; refuses a row of another step under the same key. */
  private Optional<LedgerEntry> readRow(Connection c, String stepId) throws SQLException {
    long key = key(stepId);
    Map<String, LedgerEntry> found;
    try (PreparedStatement p = c.prepareStatement(select + " WHERE step_key = ?")) {
      p.setLong(1, key);
      try (ResultSet rs = p.executeQuery()) {
        found = rows(rs);
      }
    }
    for (String other : found.keySet()) {
      if (!other.equals(stepId)) {
        throw new LedgerException(table, "steps '" + stepId + "' and '" + other + "' have the same"
            + " ledger key " + key + " in '" + table + "' (the first 8 bytes of the SHA-256 of"
            + " their ids): rename one of them", null);
      }
    }
    return Optional.ofNullable(found.get(stepId));
  }

  /**
   * The rows of a query over every column, in the {@code SELECT}'s order (column 1 is the key).
   *
   * @throws LedgerException if a row's key is not its step id's key
   */
  private Map<String, LedgerEntry> rows(ResultSet rs) throws SQLException {
    Map<String, LedgerEntry> out = new LinkedHashMap<>();
    MessageDigest sha256 = sha256();
    while (rs.next()) {
      long key = rs.getLong(1);
      String stepId = rs.getString(2);
      long expected = key(sha256, stepId);
      if (key != expected) {
        throw new LedgerException(table, "the row of step '" + stepId + "' in ledger table '"
            + table + "' has step_key " + key + ", but that step's key is " + expected
            + " (the first 8 bytes of the SHA-256 of its id); a row written or upgraded by hand"
            + " must use the key docs/migrations.md (\"The ledger\") gives", null);
      }
      long seq = rs.getLong(7);
      boolean hasSeq = !rs.wasNull();
      String hash = rs.getString(8);
      Optional<AuditRef> audit =
          hasSeq && hash != null ? Optional.of(new AuditRef(seq, hash)) : Optional.empty();
      LedgerEntry e =
          new LedgerEntry(
              stepId,
              rs.getString(3),
              LedgerState.valueOf(rs.getString(4)),
              rs.getBoolean(5),
              rs.getString(6),
              audit,
              rs.getString(9),
              Instant.parse(rs.getString(10)),
              rs.getLong(11),
              rs.getString(12));
      out.put(stepId, e);
    }
    return out;
  }

  /**
   * Removes the row of a step whose effect has been undone, so that the database no longer counts
   * it as applied and a later run applies it again. Removing a row that does not exist does
   * nothing, so an undo that is repeated after a crash stays correct.
   *
   * @param connection a connection in auto-commit mode, or in the caller's transaction
   * @param stepId the step whose effect was undone
   * @return whether a row was removed
   * @throws LedgerException if the table cannot be written
   */
  public boolean forget(Connection connection, String stepId) {
    java.util.Objects.requireNonNull(connection, "connection");
    java.util.Objects.requireNonNull(stepId, "stepId");
    try (PreparedStatement ps =
        connection.prepareStatement(
            "DELETE FROM " + table + " WHERE step_key = ? AND step_id = ?")) {
      ps.setLong(1, key(stepId));
      ps.setString(2, stepId);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new LedgerException(
          table,
          "cannot remove the ledger row of step '" + stepId + "' from '" + table + "': "
              + e.getMessage() + layoutHint(connection),
          e);
    }
  }

  /**
   * Writes a row: inserts it, or replaces the existing row of the same step.
   *
   * @param connection the connection (in the caller's transaction)
   * @param entry the row
   * @param exists whether a row for the step exists
   * @throws SQLException if the write fails
   */
  void write(Connection connection, LedgerEntry entry, boolean exists) throws SQLException {
    try (Writer w = writer(connection)) {
      w.write(entry, exists);
    }
  }

  /**
   * A writer that keeps its prepared statements for the length of a run on one connection.
   *
   * @param connection the connection
   * @return the writer; close it to release its statements
   */
  Writer writer(Connection connection) {
    return new Writer(connection);
  }

  /** Writes ledger rows on one connection, reusing its prepared statements. Not thread-safe. */
  final class Writer implements AutoCloseable {
    private final Connection connection;
    private final MessageDigest sha256 = sha256();
    private PreparedStatement insertStatement;
    private PreparedStatement updateStatement;
    private PreparedStatement markAppliedStatement;
    private PreparedStatement insertManyStatement;
    private Instant lastAt;
    private String lastAtText;

    Writer(Connection connection) {
      this.connection = connection;
    }

    /** Binds a step's {@code step_key} and {@code step_id} to parameters i and i + 1. */
    private void identify(PreparedStatement p, int i, String stepId) throws SQLException {
      p.setLong(i, key(sha256, stepId));
      p.setString(i + 1, stepId);
    }

    /**
     * Turns the started row of a step into its applied row. Only the state, time, duration and
     * detail change, so only they are written; the other columns must equal the started row's.
     *
     * @param entry the applied row
     * @throws SQLException if the write fails, or if the step has no started row
     */
    void markApplied(LedgerEntry entry) throws SQLException {
      if (entry.state() != LedgerState.APPLIED) {
        throw new IllegalArgumentException("not an applied row: " + entry);
      }
      if (markAppliedStatement == null) {
        markAppliedStatement = connection.prepareStatement(markApplied);
      }
      PreparedStatement p = markAppliedStatement;
      p.setString(1, entry.state().name());
      p.setString(2, entry.appliedAt().toString());
      p.setLong(3, entry.durationMillis());
      p.setString(4, clip(entry.detail()));
      identify(p, 5, entry.stepId());
      if (p.executeUpdate() != 1) {
        throw new SQLException("ledger row of step '" + entry.stepId() + "' is no longer "
            + LedgerState.STARTED.name());
      }
    }

    void write(LedgerEntry entry, boolean exists) throws SQLException {
      String detail = clip(entry.detail());
      if (exists) {
        if (updateStatement == null) {
          updateStatement = connection.prepareStatement(update);
        }
        bind(updateStatement, 1, entry, detail, appliedAt(entry));
        identify(updateStatement, 11, entry.stepId());
        if (updateStatement.executeUpdate() != 1) {
          throw new SQLException("ledger row of step '" + entry.stepId() + "' vanished");
        }
      } else {
        if (insertStatement == null) {
          insertStatement = connection.prepareStatement(insert);
        }
        identify(insertStatement, 1, entry.stepId());
        bind(insertStatement, 3, entry, detail, appliedAt(entry));
        insertStatement.executeUpdate();
      }
    }

    /** The RFC 3339 text of a row's time; rows written in the same millisecond share one. */
    private String appliedAt(LedgerEntry e) {
      if (!e.appliedAt().equals(lastAt)) {
        lastAt = e.appliedAt();
        lastAtText = lastAt.toString();
      }
      return lastAtText;
    }

    /**
     * Inserts new rows with multi-row {@code INSERT} statements of up to {@value #ROWS_PER_INSERT}
     * rows each. The caller decides the transaction around it.
     *
     * @param entries rows of steps that have none yet
     * @throws SQLException if the insert fails
     */
    void insertAll(java.util.List<LedgerEntry> entries) throws SQLException {
      int n = entries.size();
      for (int from = 0; from < n; from += ROWS_PER_INSERT) {
        int rows = Math.min(ROWS_PER_INSERT, n - from);
        PreparedStatement p;
        if (rows == ROWS_PER_INSERT) {
          if (insertManyStatement == null) {
            insertManyStatement = connection.prepareStatement(insertRows(rows));
          }
          p = insertManyStatement;
        } else {
          p = connection.prepareStatement(insertRows(rows));
        }
        try {
          for (int i = 0; i < rows; i++) {
            LedgerEntry e = entries.get(from + i);
            int first = 1 + i * COLUMNS;
            identify(p, first, e.stepId());
            bind(p, first + 2, e, clip(e.detail()), appliedAt(e));
          }
          p.executeUpdate();
        } finally {
          if (p != insertManyStatement) {
            p.close();
          }
        }
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        if (insertStatement != null) {
          insertStatement.close();
        }
      } finally {
        try {
          if (updateStatement != null) {
            updateStatement.close();
          }
        } finally {
          try {
            if (markAppliedStatement != null) {
              markAppliedStatement.close();
            }
          } finally {
            if (insertManyStatement != null) {
              insertManyStatement.close();
            }
          }
        }
      }
    }
  }

  private static final String ROW = "(?,?,?,?,?,?,?,?,?,?,?,?)";

  private String insertRows(int rows) {
    StringBuilder sql = new StringBuilder(insertHead.length() + rows * (ROW.length() + 1));
    sql.append(insertHead);
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ",").append(ROW);
    }
    return sql.toString();
  }

  private static String clip(String detail) {
    return detail.length() > DETAIL_MAX ? detail.substring(0, DETAIL_MAX - 3) + "..." : detail;
  }

  /** Binds the ten columns after {@code step_id}, from parameter {@code start} on. */
  private static void bind(
      PreparedStatement p, int start, LedgerEntry e, String detail, String appliedAt)
      throws SQLException {
    int i = start;
    p.setString(i++, e.checksum());
    p.setString(i++, e.state().name());
    p.setBoolean(i++, e.transactional());
    p.setString(i++, e.cutoverId());
    if (e.audit().isPresent()) {
      p.setLong(i++, e.audit().get().seq());
      p.setString(i++, e.audit().get().hash());
    } else {
      p.setNull(i++, Types.BIGINT);
      p.setNull(i++, Types.VARCHAR);
    }
    p.setString(i++, e.appliedBy());
    p.setString(i++, appliedAt);
    p.setLong(i++, e.durationMillis());
    p.setString(i, detail);
  }

  @Override
  public String toString() {
    return "Ledger[" + table + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ledger && ((Ledger) o).table.equals(table);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table);
  }
}
