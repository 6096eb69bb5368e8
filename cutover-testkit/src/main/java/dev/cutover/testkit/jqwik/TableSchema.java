package dev.cutover.testkit.jqwik;

import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The shape of a table for {@link CutoverArbitraries#rows}: its name, its columns and its
 * single-column primary key. Build one by hand, or read it from a migrated database with {@link
 * #read}. Immutable.
 *
 * @param name a plain SQL identifier
 * @param columns the columns, in order, at least one
 * @param keyColumn the primary key column (BIGINT, INTEGER or VARCHAR), one of the columns
 */
public record TableSchema(String name, List<Column> columns, String keyColumn) {
  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if there are no columns, two share a name, or the key is not
   *     a non-null BIGINT, INTEGER or VARCHAR column of the table
   */
  public TableSchema {
    Dialect.checkIdentifier("table", name);
    columns = List.copyOf(columns);
    Objects.requireNonNull(keyColumn, "keyColumn");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table '" + name + "' needs at least one column");
    }
    Column key = null;
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Column c : columns) {
      if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("table '" + name + "' has two columns named '" + c.name() + "'");
      }
      if (c.name().equalsIgnoreCase(keyColumn)) {
        key = c;
      }
    }
    if (key == null || key.nullable()
        || !(key.type() == ColumnType.BIGINT || key.type() == ColumnType.INTEGER || key.type() == ColumnType.VARCHAR)) {
      throw new IllegalArgumentException("table '" + name + "': key column '" + keyColumn
          + "' must be a NOT NULL BIGINT, INTEGER or VARCHAR column of the table, got " + key);
    }
  }

  /**
   * Reads a table's schema from a database: its columns (of the supported types) and its
   * single-column primary key.
   *
   * @param connection an open connection
   * @param table the table name, any case
   * @return the schema
   * @throws SQLException if the metadata cannot be read
   * @throws IllegalArgumentException if the table does not exist, has a column of a type that
   *     cannot be generated, or has no single-column primary key
   */
  public static TableSchema read(Connection connection, String table) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    Dialect.checkIdentifier("table", table);
    DatabaseMetaData md = connection.getMetaData();
    String actual = null;
    try (ResultSet rs = md.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          actual = rs.getString("TABLE_NAME");
        }
      }
    }
    if (actual == null) {
      throw new IllegalArgumentException("no table '" + table + "' in " + connection.getCatalog());
    }
    List<Column> columns = new ArrayList<>();
    TreeMap<Integer, Column> byPosition = new TreeMap<>();
    try (ResultSet rs = md.getColumns(connection.getCatalog(), connection.getSchema(), actual, "%")) {
      while (rs.next()) {
        String col = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
        ColumnType type = type(table, col, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"));
        boolean nullable = rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable;
        int size = rs.getInt("COLUMN_SIZE");
        int scale = rs.getInt("DECIMAL_DIGITS");
        byPosition.put(rs.getInt("ORDINAL_POSITION"), new Column(col, type,
            type == ColumnType.VARCHAR || type == ColumnType.DECIMAL ? size : 0,
            type == ColumnType.DECIMAL ? scale : 0, nullable));
      }
    }
    columns.addAll(byPosition.values());
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = md.getPrimaryKeys(connection.getCatalog(), connection.getSchema(), actual)) {
      while (rs.next()) {
        keys.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    }
    if (keys.size() != 1) {
      throw new IllegalArgumentException("table '" + table + "' needs a single-column primary key, has " + keys);
    }
    return new TableSchema(table.toLowerCase(Locale.ROOT), columns, keys.get(0));
  }

  private static ColumnType type(String table, String column, int jdbcType, String typeName) {
    switch (jdbcType) {
      case Types.BIGINT:
        return ColumnType.BIGINT;
      case Types.INTEGER:
      case Types.SMALLINT:
        return ColumnType.INTEGER;
      case Types.DECIMAL:
      case Types.NUMERIC:
        return ColumnType.DECIMAL;
      case Types.VARCHAR:
      case Types.NVARCHAR:
      case Types.LONGVARCHAR:
        return ColumnType.VARCHAR;
      case Types.BOOLEAN:
      case Types.BIT:
        return ColumnType.BOOLEAN;
      case Types.TIMESTAMP:
        return ColumnType.TIMESTAMP;
      default:
        throw new IllegalArgumentException("column " + table + "." + column + " has type " + typeName
            + ", for which no rows can be generated (supported: " + java.util.Arrays.toString(ColumnType.values()) + ")");
    }
  }

  /**
   * Inserts rows (as {@link CutoverArbitraries#rows} makes them) with one batched prepared
   * statement, on the caller's connection and transaction.
   *
   * @param connection an open connection
   * @param rows the rows, values by column name
   * @return how many rows were inserted
   * @throws SQLException if the database refuses a row
   */
  public int insert(Connection connection, List<Map<String, Object>> rows) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(rows, "rows");
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(name).append(" (");
    StringBuilder marks = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(columns.get(i).name());
      marks.append(i == 0 ? "?" : ", ?");
    }
    sql.append(") VALUES (").append(marks).append(')');
    try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
      for (Map<String, Object> row : rows) {
        for (int i = 0; i < columns.size(); i++) {
          p.setObject(i + 1, row.get(columns.get(i).name()));
        }
        p.addBatch();
      }
      if (!rows.isEmpty()) {
        p.executeBatch();
      }
    }
    return rows.size();
  }
}
