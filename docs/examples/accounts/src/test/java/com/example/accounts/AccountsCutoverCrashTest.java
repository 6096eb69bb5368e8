package com.example.accounts;

import static dev.cutover.testkit.CutoverAssertions.assertSurvivesCrashes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.engine.RunStatus;
import dev.cutover.testkit.CrashReport;
import dev.cutover.testkit.CrashScenario;
import dev.cutover.testkit.MigrationTask;
import java.sql.Connection;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class AccountsCutoverCrashTest {
  static CrashScenario scenario() {
    return CrashScenario.builder()
        .plan(AccountsCutover.plan())
        .setup(db -> {
          Accounts.migrate(db, AccountsMigrations.CREATE_ACCOUNTS, AccountsMigrations.CREATE_TRANSFERS);
          Accounts.seed(db);
        })
        .actions((engine, db) -> {
          for (var step : AccountsMigrations.all().subList(2, 5)) {
            engine.action(step.id(), MigrationTask.of(step, db));
          }
          engine.gate(AccountsCutover.LEDGER_MATCHES, gate -> {
            try (Connection c = db.connect()) {
              return AccountsCutover.ledgerMatches(c, Clock.systemUTC());
            }
          });
        })
        .build();
  }

  @Test
  void theCutover_survivesACrashAtEveryDurablePoint() {
    CrashReport report = assertSurvivesCrashes(scenario());
    assertThat(report.referenceStatus()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.explored()).isEqualTo(report.durablePoints());
  }
}
