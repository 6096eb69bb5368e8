package com.example.accounts;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Looks at the live schema, so steps can tell from the database itself whether they ran. */
final class Schema {
  private Schema() {}

  static boolean hasTable(Connection c, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean hasColumn(Connection c, String table, String column) throws SQLException {
    if (!hasTable(c, table)) {
      return false;
    }
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)
            && rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
          return true;
        }
      }
    }
    return false;
  }

  static long count(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
