package dev.cutover.testkit;

import static dev.cutover.testkit.CutoverAssertions.assertRollbackRestores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

@CutoverTest
class RollbackAssertionTest {
  @Test
  void assertRollbackRestores_passesOnAnExactInverse(TestDatabase db) throws Exception {
    Bank.seed(db, 4);
    assertRollbackRestores(db, Bank.MOVE_BALANCES);
    assertThat(Bank.count(db, "SELECT SUM(balance) FROM accounts")).isEqualTo(100);
  }

  @Test
  void assertRollbackRestores_failsOnALossyUndo_showingTheLostValues(TestDatabase db) throws Exception {
    Bank.seed(db, 2);
    assertThatThrownBy(() -> assertRollbackRestores(db, Bank.MOVE_BALANCES_LOSSY))
        .isInstanceOfSatisfying(CutoverAssertionError.class,
            e -> assertThat(e.diff().orElseThrow().rowChanges()).hasSize(2))
        .hasMessageStartingWith("step 'move-balances' is not undone exactly by 'unmove-balances-lossy':"
            + " digest before apply ")
        .hasMessageContaining(" != after undo ")
        .hasMessageEndingWith("2 rows differ (showing 2 of 2): accounts id=1: balance 10.00 -> 0.00;"
            + " accounts id=2: balance 20.00 -> 0.00");
  }

  @Test
  void assertRollbackRestores_failsOnAStepWithoutInverse(TestDatabase db) throws Exception {
    Bank.seed(db, 1);
    assertThatThrownBy(() -> assertRollbackRestores(db, Bank.CREDIT_INTEREST))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessageStartingWith("step 'credit-interest' declares no inverse");
  }

  @Test
  void assertRollbackRestores_withAnExplicitUndo_failsWhenItUndoesTooLittle(TestDatabase db) throws Exception {
    Bank.seed(db, 1);
    assertThatThrownBy(() -> assertRollbackRestores(db, Bank.ADD_FEE_COLUMN,
            dev.cutover.migration.SqlStep.of("noop-undo", "UPDATE accounts SET fee = fee")))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessageContaining("column accounts.fee was added");
  }

  @Test
  void assertSnapshotRestores_passesWhenTheSnapshotCoversWhatTheStepChanged(TestDatabase db) throws Exception {
    Bank.seed(db, 3);
    CutoverAssertions.assertSnapshotRestores(db, Bank.CREDIT_INTEREST, "accounts");
    assertThat(Bank.count(db, "SELECT SUM(balance) FROM accounts")).isEqualTo(60);
  }

  @Test
  void assertSnapshotRestores_failsWhenTheStepChangedATableOutsideTheSnapshot(TestDatabase db) throws Exception {
    Bank.seed(db, 2);
    try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE fees (account_id BIGINT NOT NULL, amount DECIMAL(12,2) NOT NULL)");
    }
    assertThatThrownBy(() -> CutoverAssertions.assertSnapshotRestores(db, Fees.CHARGE_FEES, "accounts"))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessageStartingWith("step 'charge-fees' is not undone exactly by restoring a snapshot of accounts:"
            + " digest before apply ")
        .hasMessageEndingWith("2 rows differ (showing 2 of 2): fees (account_id=1, amount=1.50): row added;"
            + " fees (account_id=2, amount=1.50): row added");
  }
}
