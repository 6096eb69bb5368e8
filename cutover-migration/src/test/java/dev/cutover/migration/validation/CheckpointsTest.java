package dev.cutover.migration.validation;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import java.sql.Connection;
import java.util.List;

class CheckpointsTest {
  private static void seed(FreshDatabase db) throws Exception {
    exec(db, "CREATE TABLE customers (id BIGINT PRIMARY KEY)",
        "CREATE TABLE accounts (id BIGINT PRIMARY KEY, customer_id BIGINT, balance DECIMAL(12,2))",
        "INSERT INTO customers VALUES (1), (2)",
        "INSERT INTO accounts VALUES (10, 1, 100.10), (11, 2, 50.00), (12, NULL, 0.90)");
  }

  @DatabaseTest
  void rowCountAndOrphans_passAndFailWithEvidence(FreshDatabase db) throws Exception {
    seed(db);
    try (Connection c = db.connect()) {
      assertThat(Checkpoints.rowCount("accounts", 3).check(c).passed()).isTrue();
      CheckResult wrong = Checkpoints.rowCount("accounts", 4).check(c);
      assertThat(wrong.passed()).isFalse();
      assertThat(wrong.detail()).isEqualTo("table accounts has 3 rows, expected 4");

      Checkpoint orphans = Checkpoints.orphans("accounts", "customer_id", "customers", "id");
      assertThat(orphans.check(c).passed()).isTrue();
      exec(c, "INSERT INTO accounts VALUES (13, 7, 1), (14, 7, 1), (15, 8, 1)");
      CheckResult r = orphans.check(c);
      assertThat(r.passed()).isFalse();
      assertThat(r.evidence()).containsEntry("orphans", 3L).containsEntry("sample", List.of("7", "8"));
    }
  }

  @DatabaseTest
  void invariant_detectsAChangedSum(FreshDatabase db) throws Exception {
    seed(db);
    try (Connection c = db.connect()) {
      String sum = "SELECT SUM(balance) FROM accounts";
      String before = Checkpoints.measure(c, sum);
      assertThat(before).isEqualTo("151");
      exec(c, "UPDATE accounts SET balance = balance - 10 WHERE id = 10",
          "UPDATE accounts SET balance = balance + 10 WHERE id = 11");
      Checkpoint unchanged = Checkpoints.invariant("total balance", sum, before);
      assertThat(unchanged.check(c).passed()).isTrue();
      exec(c, "UPDATE accounts SET balance = balance + 0.01 WHERE id = 11");
      CheckResult r = unchanged.check(c);
      assertThat(r.passed()).isFalse();
      assertThat(r.detail()).isEqualTo("total balance changed from 151 to 151.01");
    }
  }

  @DatabaseTest
  void checkpointAsStep_failsTheRunWhenItDoesNotPass(FreshDatabase db) throws Exception {
    seed(db);
    MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();
    assertThat(runner.run(List.of(Checkpoints.rowCount("accounts", 3).asStep("check-count")))
        .outcomes().get(0).evidence()).containsEntry("rows", 3L);
    assertThatThrownBy(() -> runner.run(List.of(
            Checkpoints.orphans("accounts", "customer_id", "customers", "id").asStep("check-fk"),
            Checkpoints.rowCount("accounts", 99).asStep("check-count-2"))))
        .isInstanceOfSatisfying(CheckFailedException.class,
            e -> assertThat(e.result().evidence()).containsEntry("rows", 3L))
        .hasMessageContaining("checkpoint 'row-count:accounts' failed");
  }
}
