package com.example.accounts;

import static dev.cutover.testkit.CutoverAssertions.assertIdempotent;
import static dev.cutover.testkit.CutoverAssertions.assertRollbackRestores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.gate.GateDecision;
import dev.cutover.testkit.DatabaseKind;
import dev.cutover.testkit.TestClock;
import dev.cutover.testkit.TestDatabase;
import dev.cutover.testkit.jqwik.Column;
import dev.cutover.testkit.jqwik.ColumnType;
import dev.cutover.testkit.jqwik.CutoverArbitraries;
import dev.cutover.testkit.jqwik.TableSchema;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The balance move over random accounts: idempotent, exactly undone, and the gate says GO. */
class LedgerMoveProperties {
  static final TableSchema ACCOUNTS = new TableSchema("accounts", List.of(
      Column.of("id", ColumnType.BIGINT),
      Column.varchar("owner", 100),
      Column.decimal("balance", 14, 2)), "id");

  @Provide
  Arbitrary<List<Map<String, Object>>> accounts() {
    return CutoverArbitraries.rows(ACCOUNTS, 25);
  }

  @Property(tries = 15)
  void moveBalances_overAnyAccounts_isIdempotentUndoableAndBalanced(
      @ForAll("accounts") List<Map<String, Object>> accounts) throws Exception {
    try (TestDatabase db = TestDatabase.open(DatabaseKind.FROM_ENVIRONMENT)) {
      Accounts.migrate(db, AccountsMigrations.CREATE_ACCOUNTS, AccountsMigrations.CREATE_TRANSFERS);
      try (Connection c = db.connect()) {
        ACCOUNTS.insert(c, accounts);
      }
      Accounts.migrate(db, AccountsMigrations.ADD_CURRENCY);
      assertRollbackRestores(db, AccountsMigrations.MOVE_BALANCES_TO_LEDGER);
      assertIdempotent(db, AccountsMigrations.MOVE_BALANCES_TO_LEDGER);
      try (Connection c = db.connect()) {
        assertThat(AccountsCutover.ledgerMatches(c, TestClock.start()).decision()).isEqualTo(GateDecision.GO);
      }
      assertRollbackRestores(db, AccountsMigrations.DROP_BALANCE);
    }
  }
}
