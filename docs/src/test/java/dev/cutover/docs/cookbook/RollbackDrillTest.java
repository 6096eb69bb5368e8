package dev.cutover.docs.cookbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.AuditLogVerifier;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RunStatus;
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
import dev.cutover.report.HtmlReport;
import dev.cutover.report.ReportModel;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.drill.DrillResult;
import dev.cutover.rollback.drill.ProductionTargetException;
import dev.cutover.rollback.drill.RollbackDrill;
import dev.cutover.rollback.engine.ScopedSnapshotProvider;
import dev.cutover.rollback.jdbc.TableScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cookbook recipe docs/cookbook/rollback-drill.md: a rollback drill on a staging database with
 * the drill API, measured against the plan's recovery time objective, recorded in the log and the
 * report.
 */
class RollbackDrillTest {
  @TempDir Path dir;

  private static void seed(FreshDatabase staging) throws Exception {
    try (Connection c = staging.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance DECIMAL(12,2))");
      for (int i = 1; i <= 500; i++) {
        s.execute("INSERT INTO accounts VALUES (" + i + ", " + i + ".25)");
      }
    }
  }

  private static String digest(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      return ContentDigest.builder().table("accounts").columns("id", "balance").build()
          .compute(c).digest();
    }
  }

  @DatabaseTest({TestDatabase.H2, TestDatabase.POSTGRESQL})
  void drill_rollsBackACompletedCutover_andRecordsTheRecovery(FreshDatabase staging)
      throws Exception {
    seed(staging);
    String before = digest(staging);
    Path logFile = dir.resolve("drill.log");

    // tag::drill[]
    ConnectionFactory db = ConnectionFactory.of(staging.url(), staging.user(), staging.password());
    Plan plan = Plan.builder("add-currency")
        .recoveryObjective(Duration.ofMinutes(15)) // a rollback may take at most 15 minutes
        .task(Task.builder("add-column").duration(Duration.ofMinutes(2)).build())
        .task(Task.builder("backfill").after("add-column").duration(Duration.ofMinutes(10)).build())
        .build();

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

      DrillResult drill = RollbackDrill.builder()
          .engine(engine).log(log)                 // the staging engine and its audit log
          .target("staging").snapshots(snapshots)  // refused if a scope is marked production
          .plan(plan)                              // the RTO is the plan's
          .actor("drill-lead").reason("rollback drill, ticket OPS-1234")
          .build()
          .run();                                  // cutover, rollback, measure, record

      System.out.println(drill.status() + " in " + drill.total() + ", per task " + drill.perTask()
          + ", RTO " + drill.rto() + ", within: " + drill.withinRto()
          + ", recorded at seq " + drill.recorded().seq());
    }
    // end::drill[]

    // tag::report[]
    ReportModel report = ReportModel.fromLog(logFile, plan); // verifies the log, then folds it
    Files.writeString(dir.resolve("drill.html"), HtmlReport.render(report));
    report.drills();  // [RecoveryDrill[name=staging: rollback drill, ticket OPS-1234, ...]]
    // end::report[]

    assertThat(report.drills()).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("staging: rollback drill, ticket OPS-1234");
      assertThat(d.rto()).isEqualTo(Duration.ofMinutes(15));
      assertThat(d.recovered()).isTrue();
      assertThat(d.tasks()).extracting(t -> t.taskId()).containsExactly("backfill", "add-column");
    });
    assertThat(Files.readString(dir.resolve("drill.html"))).contains("<section id=\"drills\">");
    assertThat(digest(staging)).isEqualTo(before);
    assertThat(AuditLogVerifier.verify(logFile).ok()).isTrue();
    try (AuditLog reread = AuditLog.readOnly(logFile)) {
      List<String> types = reread.entries(0, reread.size()).stream().map(AuditEntry::type).toList();
      assertThat(types).containsSubsequence("run.finished", "drill.started", "rollback.requested",
          "task.undo.completed", "task.undo.completed", "run.finished", "drill.completed");
      AuditEntry recorded = reread.entry(reread.size() - 1);
      assertThat(recorded.data()).containsEntry("status", RunStatus.ROLLED_BACK.name())
          .containsEntry("rto_ms", 900_000L);
    }
  }

  @DatabaseTest({TestDatabase.H2})
  void drill_onAProductionScope_isRefusedBeforeAnythingRuns(FreshDatabase staging) throws Exception {
    seed(staging);
    ConnectionFactory db = ConnectionFactory.of(staging.url(), staging.user(), staging.password());
    Plan plan = Plan.builder("add-currency").recoveryObjective(Duration.ofMinutes(15))
        .task(Task.builder("add-column").duration(Duration.ofMinutes(2)).build())
        .build();
    try (SnapshotStore store = SnapshotStore.inMemory()
            .authorizer(PrincipalAllowlist.builder().allow("engine").build())
            .retention(Duration.ofDays(1)).build();
        AuditLog log = AuditLog.inMemory(Clock.systemUTC())) {
      // tag::production[]
      ScopedSnapshotProvider snapshots = ScopedSnapshotProvider.builder()
          .store(store).principal("engine").cutoverId("add-currency")
          .scope("accounts", TableScope.builder(db::open).table("accounts")
              .production(true)          // the host marks what is production
              .build())
          .build();
      // ... the engine as above ...
      // end::production[]
      Engine engine = Engine.builder().plan(plan).log(log)
          .action("add-column", MigrationAction.builder().connections(db)
              .step(SqlStep.of("add-column", "ALTER TABLE accounts ADD COLUMN currency CHAR(3)"))
              .undo(Undo.restore(snapshots, "accounts"))
              .build())
          .build();
      RollbackDrill drill = RollbackDrill.builder().engine(engine).log(log).target("prod-eu")
          .snapshots(snapshots).plan(plan).actor("drill-lead").reason("drill").build();

      assertThatThrownBy(drill::run)
          .isInstanceOf(ProductionTargetException.class)
          .hasMessage("rollback drill on target 'prod-eu' refused: its scopes [accounts] are"
              + " marked production, and a drill rolls its target back on purpose; run it on a"
              + " staging copy, or allow it explicitly with allowProduction(justification)");
      assertThat(log.size()).isZero();
    }
  }
}
