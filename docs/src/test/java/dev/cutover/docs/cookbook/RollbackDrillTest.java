package dev.cutover.docs.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.AuditLogVerifier;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RollbackDecision;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.RollbackRequest;
import dev.cutover.engine.spi.Undo;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.engine.MigrationAction;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import dev.cutover.migration.validation.ContentDigest;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.report.RecoveryDrill;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.engine.ScopedSnapshotProvider;
import dev.cutover.rollback.jdbc.TableScope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cookbook recipe docs/cookbook/rollback-drill.md: run a cutover to completion on a staging
 * database, roll it back on purpose, measure the recovery from the audit log, compare with the RTO.
 */
class RollbackDrillTest {
  @TempDir Path dir;

  // tag::measure[]
  /** Recovery time per undone task and in total, read back from a cutover's audit log. */
  record RecoveryTimes(Map<String, Duration> perTask, Duration total) {
    static RecoveryTimes of(AuditLog log) {
      Map<String, Instant> started = new LinkedHashMap<>();
      Map<String, Duration> perTask = new LinkedHashMap<>();
      Instant requested = null;
      Instant finished = null;
      for (AuditEntry e : log.entries(0, log.size())) {
        Object task = e.data().get("task");
        switch (e.type()) {
          case "rollback.requested" -> requested = e.time();
          case "task.undo.started" -> started.put((String) task, e.time());
          case "task.undo.completed" ->
              perTask.put((String) task, Duration.between(started.get(task), e.time()));
          case "run.finished" -> finished = e.time();
          default -> { }
        }
      }
      if (requested == null || finished == null) {
        throw new IllegalStateException("the log holds no finished rollback");
      }
      return new RecoveryTimes(perTask, Duration.between(requested, finished));
    }
  }
  // end::measure[]

  @DatabaseTest({TestDatabase.H2, TestDatabase.POSTGRESQL})
  void drill_rollsBackACompletedCutover_andMeasuresTheRecovery(FreshDatabase staging)
      throws Exception {
    try (Connection c = staging.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance DECIMAL(12,2))");
      for (int i = 1; i <= 500; i++) {
        s.execute("INSERT INTO accounts VALUES (" + i + ", " + i + ".25)");
      }
    }
    ContentDigest accountsDigest = ContentDigest.builder().table("accounts")
        .columns("id", "balance").build();
    String before;
    try (Connection c = staging.connect()) {
      before = accountsDigest.compute(c).digest();
    }
    Path logFile = dir.resolve("drill.log");

    // tag::drill[]
    ConnectionFactory db = ConnectionFactory.of(staging.url(), staging.user(), staging.password());
    Plan plan = Plan.builder("add-currency")
        .task(Task.builder("add-column").duration(Duration.ofMinutes(2)).build())
        .task(Task.builder("backfill").after("add-column").duration(Duration.ofMinutes(10)).build())
        .build();
    Duration rto = Duration.ofMinutes(15); // the recovery time objective of this cutover

    try (SnapshotStore store = SnapshotStore.onFileSystem(dir.resolve("snapshots"))
            .authorizer(PrincipalAllowlist.builder().allow("engine").build())
            .retention(Duration.ofDays(1))
            .build();
        AuditLog log = AuditLog.open(logFile, Clock.systemUTC())) {
      ScopedSnapshotProvider snapshots = ScopedSnapshotProvider.builder()
          .store(store).principal("engine").cutoverId("add-currency")
          .scope("accounts", TableScope.builder(db::open).table("accounts").build())
          .build();
      Engine engine = Engine.builder()
          .plan(plan)
          .log(log)
          .action("add-column", MigrationAction.builder().connections(db)
              .step(SqlStep.of("add-column", "ALTER TABLE accounts ADD COLUMN currency CHAR(3)"))
              .undo(Undo.restore(snapshots, "accounts"))
              .build())
          .action("backfill", MigrationAction.builder().connections(db)
              .step(SqlStep.of("backfill", "UPDATE accounts SET currency = 'EUR'"))
              .undo(Undo.restore(snapshots, "accounts"))
              .build())
          .rollbackAuthorizer((request, planDigest, logSize) ->
              request.actor().equals("drill-lead")
                  ? Optional.empty()
                  : Optional.of("only the drill lead may roll back in this drill"))
          .rollbackWindow(Duration.ofHours(1))
          .build();

      RunResult cutover = engine.run();                  // 1. the cutover, to completion
      RollbackDecision decision = engine.requestRollback( // 2. the drill: roll it back
          new RollbackRequest("drill-lead", "rollback drill, ticket OPS-1234", Map.of()));
      RunResult rolledBack = engine.run();

      RecoveryTimes times = RecoveryTimes.of(log);       // 3. measure from the log
      RecoveryDrill drill = new RecoveryDrill("staging drill", times.total(), rto);
      System.out.println(cutover.status() + " -> " + rolledBack.status() + ", per task "
          + times.perTask() + ", total " + times.total() + ", within RTO " + rto + ": "
          + drill.withinRto());
      // end::drill[]
      assertThat(cutover.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(decision.accepted()).isTrue();
      assertThat(rolledBack.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(times.perTask()).containsOnlyKeys("backfill", "add-column");
      assertThat(times.perTask().keySet()).containsExactly("backfill", "add-column");
      assertThat(times.total()).isGreaterThanOrEqualTo(times.perTask().get("backfill"));
      assertThat(drill.withinRto()).isEqualTo(times.total().compareTo(rto) <= 0);
    }
    try (Connection c = staging.connect()) {
      assertThat(accountsDigest.compute(c).digest()).isEqualTo(before);
    }
    assertThat(AuditLogVerifier.verify(logFile).ok()).isTrue();
  }
}
