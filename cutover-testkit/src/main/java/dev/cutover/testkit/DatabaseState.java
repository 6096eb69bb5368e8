package dev.cutover.testkit;

import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.validation.ContentDigest;
import dev.cutover.migration.validation.TableDigest;
import dev.cutover.replay.StateDigest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The content of every table of a database at one moment: its digest, and its rows, so that two
 * states can be compared row by row ({@link #diff}). Tables whose name starts with {@code
 * cutover_} (the ledger, lease, progress and audit tables Cutover keeps) are left out, as are
 * tables the caller excludes; table and column names are compared in lower case.
 *
 * <p>The digest is the lower-case hex SHA-256 over, per table in name order, the table name, its
 * column names in name order and its {@link ContentDigest} over the columns in that order (order-independent, equal on H2, PostgreSQL and
 * MariaDB for equal data). A state holds every row in memory: it is meant for test-sized data.
 * Immutable and thread-safe.
 */
public final class DatabaseState {
  /** Prefix of the tables Cutover itself keeps, left out of every state. */
  public static final String CUTOVER_TABLE_PREFIX = "cutover_";

  private static final int MAX_SHOWN_CHARS = 40;

  private final Map<String, TableState> tables;
  private final String digest;

  private DatabaseState(Map<String, TableState> tables) {
    this.tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    StringBuilder text = new StringBuilder("cutover-testkit-state-v1\n");
    for (TableState t : this.tables.values()) {
      text.append(t.name()).append('\t').append(String.join(",", t.columns())).append('\t')
          .append(t.rowCount()).append('\t').append(t.contentDigest()).append('\n');
    }
    this.digest = StateDigest.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Captures every table of a test database.
   *
   * @param database the database
   * @return the state
   * @throws StateCaptureException if the database cannot be read
   */
  public static DatabaseState capture(TestDatabase database) {
    Objects.requireNonNull(database, "database");
    try (Connection c = database.connect()) {
      return capture(c, Set.of());
    } catch (SQLException e) {
      throw new StateCaptureException(database.toString(), e);
    }
  }

  /**
   * Captures every table of the connection's current schema (or database, on MariaDB), except
   * Cutover's own and the excluded ones.
   *
   * @param connection an open connection; it is only read
   * @param excludedTables table names to leave out, in any case
   * @return the state
   * @throws StateCaptureException if the database cannot be read
   */
  public static DatabaseState capture(Connection connection, Set<String> excludedTables) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(excludedTables, "excludedTables");
    Set<String> excluded = new TreeSet<>();
    for (String t : excludedTables) {
      excluded.add(Objects.requireNonNull(t, "excluded table").toLowerCase(Locale.ROOT));
    }
    try {
      Map<String, TableState> tables = new TreeMap<>();
      for (String table : tableNames(connection)) {
        String lower = table.toLowerCase(Locale.ROOT);
        if (lower.startsWith(CUTOVER_TABLE_PREFIX) || excluded.contains(lower)) {
          continue;
        }
        tables.put(lower, table(connection, table));
      }
      return new DatabaseState(tables);
    } catch (SQLException e) {
      throw new StateCaptureException("database", e);
    }
  }

  /**
   * The digest of the whole state: 64 lower-case hex digits.
   *
   * @return the digest
   */
  public String digest() {
    return digest;
  }

  /**
   * The captured table names, lower case, in order.
   *
   * @return the names
   */
  public Set<String> tables() {
    return tables.keySet();
  }

  /**
   * How many rows a table holds.
   *
   * @param table the table name, any case
   * @return the row count
   * @throws IllegalArgumentException if the state has no such table
   */
  public long rowCount(String table) {
    return require(table).rowCount();
  }

  /**
   * The content digest of one table (see {@link ContentDigest}).
   *
   * @param table the table name, any case
   * @return 64 lower-case hex digits
   * @throws IllegalArgumentException if the state has no such table
   */
  public String tableDigest(String table) {
    return require(table).contentDigest();
  }

  /**
   * What differs from this state to another: tables and columns created or dropped, and rows
   * added, removed or changed (by primary key; by whole row for a table without one).
   *
   * @param after the later state
   * @return the differences, empty when the digests are equal
   */
  public StateDiff diff(DatabaseState after) {
    Objects.requireNonNull(after, "after");
    return StateDiff.between(tables, after.tables);
  }

  private TableState require(String table) {
    Objects.requireNonNull(table, "table");
    TableState t = tables.get(table.toLowerCase(Locale.ROOT));
    if (t == null) {
      throw new IllegalArgumentException(
          "no table '" + table + "' in this state (tables: " + String.join(", ", tables.keySet()) + ")");
    }
    return t;
  }

  private static List<String> tableNames(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    List<String> names = new ArrayList<>();
    try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  private static TableState table(Connection c, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    TreeMap<Short, String> keyBySeq = new TreeMap<>();
    try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), c.getSchema(), table)) {
      while (rs.next()) {
        keyBySeq.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    }
    List<String> keys = new ArrayList<>(keyBySeq.values());
    List<String> columns = new ArrayList<>();
    List<String> rawColumns = new ArrayList<>();
    Map<String, TableState.Row> rows = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + Dialect.checkIdentifier("table", table))) {
      ResultSetMetaData rm = rs.getMetaData();
      for (int i = 1; i <= rm.getColumnCount(); i++) {
        rawColumns.add(rm.getColumnName(i));
        columns.add(rm.getColumnName(i).toLowerCase(Locale.ROOT));
      }
      while (rs.next()) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i <= columns.size(); i++) {
          values.put(columns.get(i - 1), show(rs.getObject(i)));
        }
        String key = keys.isEmpty() ? describe(values, columns) : describe(values, keys);
        TableState.Row prior = rows.get(key);
        rows.put(key, new TableState.Row(values, prior == null ? 1 : prior.copies() + 1));
      }
    }
    // Column order does not matter: a restore that re-adds a column at the end is still exact.
    rawColumns.sort(String.CASE_INSENSITIVE_ORDER);
    List<String> sortedColumns = new ArrayList<>(columns);
    Collections.sort(sortedColumns);
    TableDigest d = rawColumns.isEmpty()
        ? new TableDigest(0, StateDigest.of(new byte[0]))
        : ContentDigest.builder().table(table).columns(rawColumns.toArray(new String[0])).build()
            .compute(c);
    return new TableState(
        table.toLowerCase(Locale.ROOT), sortedColumns, keys, d.rows(), d.digest(), rows);
  }

  /** {@code id=7, region='eu'}: the named columns of a row. */
  static String describe(Map<String, String> values, List<String> columns) {
    StringBuilder b = new StringBuilder();
    for (String col : columns) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(col).append('=').append(values.get(col));
    }
    return b.toString();
  }

  static String show(Object v) throws SQLException {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Clob) {
      Clob clob = (Clob) v;
      v = clob.getSubString(1, (int) Math.min(clob.length(), 4096));
    }
    if (v instanceof Blob) {
      Blob blob = (Blob) v;
      v = blob.getBytes(1, (int) Math.min(blob.length(), 4096));
    }
    if (v instanceof String) {
      String s = (String) v;
      return "'" + (s.length() > MAX_SHOWN_CHARS ? s.substring(0, MAX_SHOWN_CHARS) + "…" : s) + "'";
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    if (v instanceof byte[]) {
      byte[] bytes = (byte[]) v;
      StringBuilder b = new StringBuilder("x'");
      for (int i = 0; i < Math.min(bytes.length, MAX_SHOWN_CHARS / 2); i++) {
        b.append(String.format("%02x", bytes[i]));
      }
      return b.append(bytes.length > MAX_SHOWN_CHARS / 2 ? "…'" : "'").toString();
    }
    return String.valueOf(v);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("DatabaseState[").append(digest, 0, 12).append("…");
    for (TableState t : tables.values()) {
      b.append(", ").append(t.name()).append('=').append(t.rowCount());
    }
    return b.append(']').toString();
  }
}
