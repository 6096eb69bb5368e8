package dev.cutover.rollback.jdbc;

import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** The same logical tables and rows on every database. */
final class TableFixtures {
  private TableFixtures() {}

  static String booleanType(TestDatabase kind) {
    return "BOOLEAN";
  }

  static String timestampType(TestDatabase kind) {
    return kind == TestDatabase.MARIADB ? "DATETIME(6)" : "TIMESTAMP";
  }

  static String doubleType(TestDatabase kind) {
    return kind == TestDatabase.MARIADB ? "DOUBLE" : "DOUBLE PRECISION";
  }

  static String binaryType(TestDatabase kind) {
    return kind == TestDatabase.POSTGRESQL ? "BYTEA" : "VARBINARY(64)";
  }

  static void createAccounts(Connection c, TestDatabase kind) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE accounts (id BIGINT NOT NULL, owner VARCHAR(40) NOT NULL,"
              + " balance DECIMAL(12, 2), active " + booleanType(kind) + ", rate "
              + doubleType(kind) + ", opened DATE, touched " + timestampType(kind) + ", tag "
              + binaryType(kind) + ", PRIMARY KEY (id))");
    }
  }

  static void insertAccount(Connection c, long id, String owner, String balance) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO accounts (id, owner, balance, active, rate, opened, touched, tag)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, owner);
      ps.setBigDecimal(3, balance == null ? null : new java.math.BigDecimal(balance));
      ps.setBoolean(4, id % 2 == 0);
      ps.setDouble(5, id / 7.0);
      ps.setObject(6, LocalDate.of(2020, 1, 1).plusDays(id));
      ps.setObject(7, LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_456_000).plusMinutes(id));
      ps.setBytes(8, new byte[] {(byte) id, 0, (byte) 0xff, '\\', '\t'});
      ps.executeUpdate();
    }
  }

  static TableScope accounts(FreshDatabase db) {
    return TableScope.builder(db::connect).table("accounts").build();
  }
}
