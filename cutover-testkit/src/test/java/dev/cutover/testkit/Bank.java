package dev.cutover.testkit;

import dev.cutover.migration.JavaStep;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.SqlStep;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** A small accounts schema and steps over it, correct and deliberately broken, for the self-tests. */
final class Bank {
  private Bank() {}

  static final MigrationStep CREATE_ACCOUNTS = SqlStep.builder()
      .id("create-accounts")
      .sql("CREATE TABLE IF NOT EXISTS accounts (id BIGINT NOT NULL PRIMARY KEY,"
          + " owner VARCHAR(100) NOT NULL, balance DECIMAL(12,2) NOT NULL)")
      .build();

  /** Idempotent: only sets the fee where it is not set yet. */
  static final MigrationStep ADD_FEE_COLUMN = SqlStep.builder()
      .id("add-fee")
      .sql("ALTER TABLE accounts ADD COLUMN IF NOT EXISTS fee DECIMAL(12,2);\n"
          + "UPDATE accounts SET fee = 1.50 WHERE fee IS NULL")
      .inverse(SqlStep.of("drop-fee", "ALTER TABLE accounts DROP COLUMN fee"))
      .build();

  /** Not idempotent: credits interest every time it runs, and cannot tell it already ran. */
  static final MigrationStep CREDIT_INTEREST = JavaStep.builder()
      .id("credit-interest")
      .version("1")
      .apply(ctx -> update(ctx.connection(), "UPDATE accounts SET balance = balance + 10"))
      .isApplied(ctx -> false)
      .build();

  /** Not idempotent the other way: a second apply fails (no IF NOT EXISTS, no probe). */
  static final MigrationStep CREATE_AUDIT_TABLE = SqlStep.of("create-audit",
      "CREATE TABLE account_audit (id BIGINT NOT NULL PRIMARY KEY, note VARCHAR(100))");

  /** Lossy undo: the inverse brings the balance column back but not its values. */
  static final MigrationStep MOVE_BALANCES_LOSSY = SqlStep.builder()
      .id("move-balances")
      .sql("CREATE TABLE IF NOT EXISTS balances (account_id BIGINT NOT NULL PRIMARY KEY,"
          + " amount DECIMAL(12,2) NOT NULL);\n"
          + "INSERT INTO balances (account_id, amount) SELECT id, balance FROM accounts;\n"
          + "ALTER TABLE accounts DROP COLUMN balance")
      .inverse(SqlStep.of("unmove-balances-lossy",
          "ALTER TABLE accounts ADD COLUMN balance DECIMAL(12,2) DEFAULT 0 NOT NULL;\n"
              + "DROP TABLE balances"))
      .build();

  /** The same move with an exact undo. */
  static final MigrationStep MOVE_BALANCES = SqlStep.builder()
      .id("move-balances")
      .sql("CREATE TABLE IF NOT EXISTS balances (account_id BIGINT NOT NULL PRIMARY KEY,"
          + " amount DECIMAL(12,2) NOT NULL);\n"
          + "INSERT INTO balances (account_id, amount) SELECT id, balance FROM accounts;\n"
          + "ALTER TABLE accounts DROP COLUMN balance")
      .inverse(SqlStep.of("unmove-balances",
          "ALTER TABLE accounts ADD COLUMN balance DECIMAL(12,2) DEFAULT 0 NOT NULL;\n"
              + "UPDATE accounts SET balance = (SELECT amount FROM balances WHERE account_id = accounts.id);\n"
              + "DROP TABLE balances"))
      .build();

  static void seed(TestDatabase db, int accounts) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS accounts (id BIGINT NOT NULL PRIMARY KEY,"
          + " owner VARCHAR(100) NOT NULL, balance DECIMAL(12,2) NOT NULL)");
      for (int i = 1; i <= accounts; i++) {
        s.execute("INSERT INTO accounts (id, owner, balance) VALUES (" + i + ", 'owner" + i + "', "
            + (i * 10) + ".00)");
      }
    }
  }

  static long count(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Map<String, Object> update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return Map.of("rows", (long) s.executeUpdate(sql));
    }
  }
}
