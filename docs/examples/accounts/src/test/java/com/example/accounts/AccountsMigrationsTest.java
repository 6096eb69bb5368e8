package com.example.accounts;

import static com.example.accounts.AccountsMigrations.ADD_CURRENCY;
import static com.example.accounts.AccountsMigrations.CREATE_ACCOUNTS;
import static com.example.accounts.AccountsMigrations.CREATE_TRANSFERS;
import static com.example.accounts.AccountsMigrations.DROP_BALANCE;
import static com.example.accounts.AccountsMigrations.MOVE_BALANCES_TO_LEDGER;
import static dev.cutover.testkit.CutoverAssertions.assertIdempotent;
import static dev.cutover.testkit.CutoverAssertions.assertRollbackRestores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testkit.CutoverTest;
import dev.cutover.testkit.DatabaseKind;
import dev.cutover.testkit.DatabaseState;
import dev.cutover.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Runs on H2 by default; set CUTOVER_TEST_JDBC_URL (or -Dcutover.test.jdbcUrl) to run the same
 * tests on the production database engine.
 */
@CutoverTest(database = DatabaseKind.FROM_ENVIRONMENT)
class AccountsMigrationsTest {
  @Test
  void everyStep_isIdempotent(TestDatabase db) throws Exception {
    assertIdempotent(db, CREATE_ACCOUNTS);
    assertIdempotent(db, CREATE_TRANSFERS);
    Accounts.seed(db);
    assertIdempotent(db, ADD_CURRENCY);
    assertIdempotent(db, MOVE_BALANCES_TO_LEDGER);
    assertIdempotent(db, DROP_BALANCE);
    assertThat(DatabaseState.capture(db).rowCount("ledger_entries")).isEqualTo(3);
  }

  @Test
  void addCurrency_isUndoneExactly(TestDatabase db) throws Exception {
    Accounts.migrate(db, CREATE_ACCOUNTS, CREATE_TRANSFERS);
    Accounts.seed(db);
    assertRollbackRestores(db, ADD_CURRENCY);
  }

  @Test
  void moveBalancesToLedger_isUndoneExactly(TestDatabase db) throws Exception {
    Accounts.migrate(db, CREATE_ACCOUNTS, CREATE_TRANSFERS);
    Accounts.seed(db);
    Accounts.migrate(db, ADD_CURRENCY);
    assertRollbackRestores(db, MOVE_BALANCES_TO_LEDGER);
  }

  @Test
  void dropBalance_isUndoneExactly_fromTheLedger(TestDatabase db) throws Exception {
    Accounts.migrate(db, CREATE_ACCOUNTS, CREATE_TRANSFERS);
    Accounts.seed(db);
    Accounts.migrate(db, ADD_CURRENCY, MOVE_BALANCES_TO_LEDGER);
    assertRollbackRestores(db, DROP_BALANCE);
  }
}
