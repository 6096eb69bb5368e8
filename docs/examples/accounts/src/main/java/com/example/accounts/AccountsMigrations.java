package com.example.accounts;

import dev.cutover.migration.Evidence;
import dev.cutover.migration.JavaStep;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.SqlStep;
import java.sql.Statement;
import java.util.List;

/**
 * The accounts service's migrations: accounts and transfers, a currency per account, and the move
 * of each account's balance into a ledger of entries (expand), before the balance column goes
 * (contract). Every step can tell from the database whether it ran, and every step after the
 * first two has an exact inverse.
 */
public final class AccountsMigrations {
  private AccountsMigrations() {}

  /** V1: the accounts table. */
  public static final MigrationStep CREATE_ACCOUNTS = SqlStep.of("V1__create_accounts",
      "CREATE TABLE IF NOT EXISTS accounts (\n"
          + "  id BIGINT NOT NULL PRIMARY KEY,\n"
          + "  owner VARCHAR(100) NOT NULL,\n"
          + "  balance DECIMAL(14,2) NOT NULL\n"
          + ")");

  /** V2: the transfers table. */
  public static final MigrationStep CREATE_TRANSFERS = SqlStep.of("V2__create_transfers",
      "CREATE TABLE IF NOT EXISTS transfers (\n"
          + "  id BIGINT NOT NULL PRIMARY KEY,\n"
          + "  from_account BIGINT NOT NULL,\n"
          + "  to_account BIGINT NOT NULL,\n"
          + "  amount DECIMAL(14,2) NOT NULL\n"
          + ")");

  /** V3: every account gets a currency; existing ones are in euros. */
  public static final MigrationStep ADD_CURRENCY = JavaStep.builder()
      .id("V3__add_currency")
      .version("1")
      .transactional(false)
      .apply(ctx -> {
        try (Statement s = ctx.connection().createStatement()) {
          if (!Schema.hasColumn(ctx.connection(), "accounts", "currency")) {
            s.execute("ALTER TABLE accounts ADD COLUMN currency VARCHAR(3) DEFAULT 'EUR' NOT NULL");
          }
          return Evidence.of("column", "accounts.currency");
        }
      })
      .isApplied(ctx -> Schema.hasColumn(ctx.connection(), "accounts", "currency"))
      .inverse(JavaStep.builder()
          .id("V3__add_currency__undo")
          .version("1")
          .transactional(false)
          .apply(ctx -> {
            try (Statement s = ctx.connection().createStatement()) {
              if (Schema.hasColumn(ctx.connection(), "accounts", "currency")) {
                s.execute("ALTER TABLE accounts DROP COLUMN currency");
              }
              return Evidence.of("dropped", "accounts.currency");
            }
          })
          .isApplied(ctx -> !Schema.hasColumn(ctx.connection(), "accounts", "currency"))
          .build())
      .build();

  /**
   * V4 (expand): an opening ledger entry per account, carrying its balance. Inserts only the
   * entries that are missing, so a repeat after a crash changes nothing.
   */
  public static final MigrationStep MOVE_BALANCES_TO_LEDGER = JavaStep.builder()
      .id("V4__move_balances_to_ledger")
      .version("1")
      .transactional(false)
      .apply(ctx -> {
        try (Statement s = ctx.connection().createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS ledger_entries (\n"
              + "  account_id BIGINT NOT NULL,\n"
              + "  kind VARCHAR(20) NOT NULL,\n"
              + "  amount DECIMAL(14,2) NOT NULL,\n"
              + "  PRIMARY KEY (account_id, kind)\n"
              + ")");
          int moved = s.executeUpdate("INSERT INTO ledger_entries (account_id, kind, amount)\n"
              + "SELECT a.id, 'opening', a.balance FROM accounts a\n"
              + "WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e"
              + " WHERE e.account_id = a.id AND e.kind = 'opening')");
          return Evidence.of("moved", moved);
        }
      })
      .isApplied(ctx -> Schema.hasTable(ctx.connection(), "ledger_entries")
          && Schema.count(ctx.connection(), "SELECT COUNT(*) FROM accounts a WHERE NOT EXISTS"
              + " (SELECT 1 FROM ledger_entries e WHERE e.account_id = a.id AND e.kind = 'opening')") == 0)
      .inverse(SqlStep.builder()
          .id("V4__move_balances_to_ledger__undo")
          .sql("DROP TABLE IF EXISTS ledger_entries")
          .build())
      .build();

  /**
   * V5 (contract): the balance column goes; the ledger is the truth. Its inverse brings the
   * column back, filled from the ledger.
   */
  public static final MigrationStep DROP_BALANCE = JavaStep.builder()
      .id("V5__drop_balance")
      .version("1")
      .transactional(false)
      .apply(ctx -> {
        try (Statement s = ctx.connection().createStatement()) {
          if (Schema.hasColumn(ctx.connection(), "accounts", "balance")) {
            s.execute("ALTER TABLE accounts DROP COLUMN balance");
          }
          return Evidence.of("dropped", "accounts.balance");
        }
      })
      .isApplied(ctx -> !Schema.hasColumn(ctx.connection(), "accounts", "balance"))
      .inverse(JavaStep.builder()
          .id("V5__drop_balance__undo")
          .version("1")
          .transactional(false)
          .apply(ctx -> {
            try (Statement s = ctx.connection().createStatement()) {
              if (!Schema.hasColumn(ctx.connection(), "accounts", "balance")) {
                s.execute("ALTER TABLE accounts ADD COLUMN balance DECIMAL(14,2) DEFAULT 0 NOT NULL");
              }
              int rows = s.executeUpdate("UPDATE accounts SET balance = (SELECT COALESCE(SUM(e.amount), 0)"
                  + " FROM ledger_entries e WHERE e.account_id = accounts.id)");
              return Evidence.of("restored", rows);
            }
          })
          .isApplied(ctx -> Schema.hasColumn(ctx.connection(), "accounts", "balance"))
          .build())
      .build();

  /**
   * Every step, in order.
   *
   * @return the steps
   */
  public static List<MigrationStep> all() {
    return List.of(CREATE_ACCOUNTS, CREATE_TRANSFERS, ADD_CURRENCY, MOVE_BALANCES_TO_LEDGER, DROP_BALANCE);
  }
}
