package dev.cutover.testkit;

import static dev.cutover.testkit.CutoverAssertions.assertIdempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

@CutoverTest
class IdempotenceAssertionTest {
  @Test
  void assertIdempotent_passesOnAGuardedStep(TestDatabase db) throws Exception {
    Bank.seed(db, 3);
    assertIdempotent(db, Bank.ADD_FEE_COLUMN);
    assertThat(Bank.count(db, "SELECT COUNT(*) FROM accounts WHERE fee = 1.50")).isEqualTo(3);
  }

  @Test
  void assertIdempotent_failsOnAStepThatCreditsTwice_withBothDigestsAndTheRows(TestDatabase db) throws Exception {
    Bank.seed(db, 12);
    assertThatThrownBy(() -> assertIdempotent(db, Bank.CREDIT_INTEREST))
        .isInstanceOfSatisfying(CutoverAssertionError.class, e -> {
          assertThat(e.subject()).isEqualTo("credit-interest");
          assertThat(e.expectedDigest()).isPresent();
          assertThat(e.actualDigest()).isPresent().get().isNotEqualTo(e.expectedDigest().get());
          assertThat(e.diff()).get().extracting(d -> d.rowChanges().size()).isEqualTo(12);
        })
        .hasMessageStartingWith("step 'credit-interest' is not idempotent: digest after 1st apply ")
        .hasMessageContaining(" != after 2nd apply ")
        .hasMessageContaining("12 rows differ (showing 10 of 12): accounts id=1: balance 20.00 -> 30.00; "
            + "accounts id=2: balance 30.00 -> 40.00; ")
        .hasMessageEndingWith("accounts id=10: balance 110.00 -> 120.00");
  }

  @Test
  void assertIdempotent_failsOnAStepWhoseSecondApplyFails(TestDatabase db) throws Exception {
    Bank.seed(db, 1);
    assertThatThrownBy(() -> assertIdempotent(db, Bank.CREATE_AUDIT_TABLE))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessageStartingWith("step 'create-audit' is not idempotent: its isApplied says the effect is"
            + " absent right after the 1st apply, and the 2nd apply failed: ")
        .hasMessageContaining("IF NOT EXISTS");
  }

  @Test
  void assertIdempotent_failsWhenTheFirstApplyFails(TestDatabase db) {
    assertThatThrownBy(() -> assertIdempotent(db, Bank.ADD_FEE_COLUMN))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessageStartingWith("step 'add-fee' failed on its 1st apply: ");
  }

  @Test
  void assertIdempotent_refusesADatabaseWhereTheLedgerAlreadyHasTheStep(TestDatabase db) throws Exception {
    Bank.seed(db, 1);
    assertIdempotent(db, Bank.ADD_FEE_COLUMN);
    assertThatThrownBy(() -> assertIdempotent(db, Bank.ADD_FEE_COLUMN))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessage("step 'add-fee' was not applied by the 1st run (SKIPPED): ledger cutover_ledger already"
            + " records it, so idempotence cannot be shown on this database");
  }
}
