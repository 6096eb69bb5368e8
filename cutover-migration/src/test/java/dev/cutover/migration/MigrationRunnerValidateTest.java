package dev.cutover.migration;

import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.tableExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import java.util.List;

class MigrationRunnerValidateTest {
  private static final SqlStep ACCOUNTS =
      SqlStep.of("create-accounts", "CREATE TABLE accounts (id INT PRIMARY KEY, balance INT)");
  private static final SqlStep TRANSFERS =
      SqlStep.of("create-transfers", "CREATE TABLE transfers (id INT PRIMARY KEY, amount INT)");

  private static MigrationRunner runner(FreshDatabase db) {
    return MigrationRunner.builder().connections(factory(db)).build();
  }

  @DatabaseTest
  void validate_reportsAppliedPendingAndUnknown_withoutApplyingAnything(FreshDatabase db)
      throws Exception {
    runner(db).run(List.of(ACCOUNTS));

    ValidationReport r = runner(db).validate(List.of(TRANSFERS, ACCOUNTS));

    assertThat(r.applied()).containsExactly("create-accounts");
    assertThat(r.pending()).containsExactly("create-transfers");
    assertThat(r.drifted()).isEmpty();
    assertThat(r.unknown()).isEmpty();
    assertThat(r.valid()).isTrue();
    assertThat(tableExists(db, "transfers")).isFalse();

    ValidationReport without = runner(db).validate(List.of(TRANSFERS));
    assertThat(without.unknown()).containsExactly("create-accounts");
  }

  @DatabaseTest
  void validate_reportsDriftWithBothChecksums(FreshDatabase db) {
    runner(db).run(List.of(ACCOUNTS));
    SqlStep changed =
        SqlStep.of("create-accounts", "CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT)");

    ValidationReport r = runner(db).validate(List.of(changed));

    assertThat(r.valid()).isFalse();
    assertThat(r.drifted())
        .containsExactly(
            new ValidationReport.ChecksumDrift(
                "create-accounts", ACCOUNTS.checksum(), changed.checksum()));
    assertThatThrownBy(r::requireValid)
        .isInstanceOf(ChecksumDriftException.class)
        .hasMessageContaining(ACCOUNTS.checksum())
        .hasMessageContaining(changed.checksum());
  }

  @DatabaseTest
  void validate_ignoresLineEndingsAndTrailingWhiteSpace(FreshDatabase db) {
    runner(db).run(List.of(ACCOUNTS));
    SqlStep reformatted =
        SqlStep.of(
            "create-accounts", "CREATE TABLE accounts (id INT PRIMARY KEY, balance INT)   \r\n");

    assertThat(runner(db).validate(List.of(reformatted)).valid()).isTrue();
  }

  @DatabaseTest
  void validate_refusesDuplicateStepIds(FreshDatabase db) {
    assertThatThrownBy(() -> runner(db).validate(List.of(ACCOUNTS, ACCOUNTS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("create-accounts");
  }
}
