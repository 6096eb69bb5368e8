package dev.cutover.rollback.drill;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.LogPosition;
import dev.cutover.engine.spi.RollbackAuthorizer;
import dev.cutover.engine.spi.RollbackRequest;
import dev.cutover.engine.spi.Undo;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.engine.MigrationAction;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.report.HtmlReport;
import dev.cutover.report.RecoveryDrill;
import dev.cutover.report.ReportModel;
import dev.cutover.report.TaskRecovery;
import dev.cutover.rollback.AuthorizationDecision;
import dev.cutover.rollback.MutableClock;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.RestoreAuthorizer;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.engine.ScopedSnapshotProvider;
import dev.cutover.rollback.jdbc.TableScope;
import dev.cutover.rollback.spi.SnapshotScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rollback drills on real databases: the drill runs the cutover, asks the engine for the rollback
 * as an operator would, measures the recovery from the log's times and records it. Restores take
 * a known time on the test's clock (each restore advances it), so the measurements are exact.
 */
class RollbackDrillTest {
  private static final Duration ADD_COLUMN_RESTORE = Duration.ofMinutes(4);
  private static final Duration BACKFILL_RESTORE = Duration.ofMinutes(7);

  private final MutableClock clock = MutableClock.at("2026-11-21T22:00:00Z");
  private final AuditLog log = AuditLog.inMemory(clock);
  private SnapshotStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static Plan plan(Duration rto) {
    Plan.Builder b = Plan.builder("add-currency")
        .task(Task.builder("add-column").duration(Duration.ofMinutes(2)).build())
        .task(Task.builder("backfill").after("add-column").duration(Duration.ofMinutes(10)).build());
    return (rto == null ? b : b.recoveryObjective(rto)).build();
  }

  private static void seed(FreshDatabase db) throws Exception {
    exec(db, "CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance DECIMAL(12,2))");
    for (int i = 1; i <= 50; i++) {
      exec(db, "INSERT INTO accounts VALUES (" + i + ", " + i + ".25)");
    }
  }

  /** A table scope whose restore takes a known time on the test's clock. */
  private SnapshotScope timed(SnapshotScope scope, String name, Duration restoreTakes) {
    return new SnapshotScope() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean production() {
        return scope.production();
      }

      @Override
      public String capture(OutputStream archive) throws IOException {
        return scope.capture(archive);
      }

      @Override
      public void restore(InputStream archive) throws IOException {
        scope.restore(archive);
        clock.advance(restoreTakes);
      }

      @Override
      public String digest() throws IOException {
        return scope.digest();
      }
    };
  }

  private ScopedSnapshotProvider snapshots(FreshDatabase db, boolean production, RestoreAuthorizer who) {
    store = SnapshotStore.inMemory().clock(clock).authorizer(who).retention(Duration.ofDays(1)).build();
    TableScope accounts = TableScope.builder(db::connect).table("accounts").production(production).build();
    return ScopedSnapshotProvider.builder().store(store).principal("engine").cutoverId("add-currency")
        .scope("before-column", timed(accounts, "accounts-before-column", ADD_COLUMN_RESTORE))
        .scope("before-backfill", timed(accounts, "accounts-before-backfill", BACKFILL_RESTORE))
        .build();
  }

  private ScopedSnapshotProvider snapshots(FreshDatabase db) {
    return snapshots(db, false, PrincipalAllowlist.builder().allow("engine").build());
  }

  private static final RollbackAuthorizer DRILL_LEAD_ONLY = (request, planDigest, size) ->
      request.actor().equals("drill-lead")
          ? Optional.empty()
          : Optional.of("only the drill lead may roll back on staging");

  private Engine engine(FreshDatabase db, Plan plan, ScopedSnapshotProvider snapshots) {
    return Engine.builder().plan(plan).log(log).clock(clock)
        .action("add-column", MigrationAction.builder().connections(factory(db)).clock(clock)
            .step(SqlStep.of("add-column", "ALTER TABLE accounts ADD COLUMN currency CHAR(3)"))
            .undo(Undo.restore(snapshots, "before-column")).build())
        .action("backfill", MigrationAction.builder().connections(factory(db)).clock(clock)
            .step(SqlStep.of("backfill", "UPDATE accounts SET currency = 'EUR'"))
            .undo(Undo.restore(snapshots, "before-backfill")).build())
        .rollbackAuthorizer(DRILL_LEAD_ONLY)
        .build();
  }

  private RollbackDrill.Builder drill(Engine engine, Plan plan, ScopedSnapshotProvider snapshots) {
    return RollbackDrill.builder().engine(engine).log(log).plan(plan)
        .target("staging-eu").snapshots(snapshots)
        .actor("drill-lead").reason("quarterly rollback drill, OPS-1234");
  }

  private List<String> types() {
    return log.entries(0, log.size()).stream().map(AuditEntry::type).toList();
  }

  private static String digest(FreshDatabase db) throws IOException {
    return TableScope.builder(db::connect).table("accounts").build().digest();
  }

  @DatabaseTest
  void drill_runsTheCutoverRollsItBack_andMeasuresEachRestoreAndTheTotal(FreshDatabase db)
      throws Exception {
    seed(db);
    String before = digest(db);
    Plan plan = plan(Duration.ofMinutes(15));
    ScopedSnapshotProvider snapshots = snapshots(db);
    Engine engine = engine(db, plan, snapshots);

    DrillResult result = drill(engine, plan, snapshots).build().run();

    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(result.tasks()).containsExactly(
        new TaskRecoveryTime("backfill", BACKFILL_RESTORE, true),
        new TaskRecoveryTime("add-column", ADD_COLUMN_RESTORE, true));
    assertThat(result.total()).isEqualTo(Duration.ofMinutes(11));
    assertThat(result.rto()).isEqualTo(Duration.ofMinutes(15));
    assertThat(result.withinRto()).isTrue();
    assertThat(result.margin()).isEqualTo(Duration.ofMinutes(4));
    assertThat(digest(db)).as("the staging table is back as it was").isEqualTo(before);

    List<String> types = types();
    assertThat(types).containsSubsequence("run.finished", "drill.started", "rollback.requested",
        "task.undo.started", "task.undo.completed", "task.undo.started", "task.undo.completed",
        "run.finished", "drill.completed");
    assertThat(types.get(types.size() - 1)).isEqualTo("drill.completed");
    AuditEntry started = entry(result.started());
    assertThat(started.type()).isEqualTo("drill.started");
    assertThat(started.actor()).isEqualTo("drill-lead");
    assertThat(started.data()).containsEntry("target", "staging-eu")
        .containsEntry("reason", "quarterly rollback drill, OPS-1234")
        .containsEntry("rto_ms", 900_000L)
        .containsEntry("scopes", List.of("before-column", "before-backfill"));
    AuditEntry requested = entry(result.rollbackRequested());
    assertThat(requested.type()).isEqualTo("rollback.requested");
    assertThat(requested.actor()).isEqualTo("drill-lead");
    assertThat(requested.data()).containsEntry("source", "operator")
        .containsEntry("reason", "quarterly rollback drill, OPS-1234");
    assertThat(entry(result.rollbackFinished()).data()).containsEntry("status", "ROLLED_BACK");
    AuditEntry recorded = entry(result.recorded());
    assertThat(recorded.data())
        .containsEntry("tasks", List.of(
            Map.of("task", "backfill", "ms", 420_000L, "undone", true),
            Map.of("task", "add-column", "ms", 240_000L, "undone", true)))
        .containsEntry("total_ms", 660_000L)
        .containsEntry("rto_ms", 900_000L)
        .containsEntry("within_rto", true)
        .containsEntry("status", "ROLLED_BACK")
        .containsEntry("requested_seq", result.rollbackRequested().seq());

    // The log replays with the drill in it, and a new engine on it finds a finished run.
    assertThat(engine.replay().consistent()).isTrue();
    Engine reopened = engine(db, plan, snapshots);
    assertThat(reopened.run().status()).isEqualTo(RunStatus.ROLLED_BACK);

    // The report shows the drill, per task and in total against the RTO.
    ReportModel report = ReportModel.fromLog(log, plan);
    assertThat(report.drills()).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("staging-eu: quarterly rollback drill, OPS-1234");
      assertThat(d.measuredRecovery()).isEqualTo(Duration.ofMinutes(11));
      assertThat(d.withinRto()).isTrue();
      assertThat(d.tasks()).containsExactly(new TaskRecovery("backfill", BACKFILL_RESTORE, true),
          new TaskRecovery("add-column", ADD_COLUMN_RESTORE, true));
    });
    assertThat(HtmlReport.render(report)).contains("<section id=\"drills\">")
        .contains("backfill 7m 00s<br>add-column 4m 00s").contains("status-completed\">yes");
  }

  @DatabaseTest({TestDatabase.H2, TestDatabase.POSTGRESQL})
  void drill_overItsRto_isRecordedAndReportedAsOver(FreshDatabase db) throws Exception {
    seed(db);
    Plan plan = plan(Duration.ofMinutes(10));
    ScopedSnapshotProvider snapshots = snapshots(db);
    DrillResult result = drill(engine(db, plan, snapshots), plan, snapshots).build().run();

    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(result.total()).isEqualTo(Duration.ofMinutes(11));
    assertThat(result.withinRto()).isFalse();
    assertThat(result.margin()).isEqualTo(Duration.ofMinutes(-1));
    assertThat(entry(result.recorded()).data()).containsEntry("within_rto", false);
    ReportModel report = ReportModel.fromLog(log, plan);
    assertThat(report.drills()).extracting(RecoveryDrill::withinRto).containsExactly(false);
    assertThat(HtmlReport.render(report)).contains("status-failed\">no, over")
        .contains("<span class=\"late\">+1m 00s</span>");
  }

  @Test
  void drill_runAgain_returnsTheRecordedResultAndAppendsNothing() throws Exception {
    try (FreshDatabase db = FreshDatabase.create(TestDatabase.H2)) {
      seed(db);
      Plan plan = plan(Duration.ofMinutes(15));
      ScopedSnapshotProvider snapshots = snapshots(db);
      RollbackDrill drill = drill(engine(db, plan, snapshots), plan, snapshots).build();
      DrillResult first = drill.run();
      long size = log.size();

      DrillResult again = drill.run();

      assertThat(again).isEqualTo(first);
      assertThat(log.size()).isEqualTo(size);
    }
  }

  @Test
  void drill_onAProductionTarget_isRefusedAndChangesNothing() throws Exception {
    try (FreshDatabase db = FreshDatabase.create(TestDatabase.H2)) {
      seed(db);
      String before = digest(db);
      Plan plan = plan(Duration.ofMinutes(15));
      ScopedSnapshotProvider snapshots =
          snapshots(db, true, PrincipalAllowlist.builder().allow("engine").build());
      RollbackDrill drill = drill(engine(db, plan, snapshots), plan, snapshots).build();

      assertThatThrownBy(drill::run)
          .isInstanceOfSatisfying(ProductionTargetException.class, e -> {
            assertThat(e.target()).isEqualTo("staging-eu");
            assertThat(e.productionScopes()).containsExactly("before-column", "before-backfill");
          })
          .hasMessageStartingWith("rollback drill on target 'staging-eu' refused: its scopes"
              + " [before-column, before-backfill] are marked production");
      assertThat(log.size()).as("nothing ran, nothing was logged").isZero();
      assertThat(digest(db)).isEqualTo(before);
      assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).isEqualTo(50);
    }
  }

  @Test
  void drill_onAProductionTarget_runsWhenExplicitlyAllowed_andLogsWhy() throws Exception {
    try (FreshDatabase db = FreshDatabase.create(TestDatabase.H2)) {
      seed(db);
      String before = digest(db);
      Plan plan = plan(Duration.ofMinutes(15));
      RestoreAuthorizer anyone = (ref, auth) -> AuthorizationDecision.grant("test: anyone may restore");
      ScopedSnapshotProvider snapshots = snapshots(db, true, anyone);

      DrillResult result = drill(engine(db, plan, snapshots), plan, snapshots)
          .allowProduction("annual drill on the production replica, approved in CAB-77")
          .build().run();

      assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(entry(result.started()).data())
          .containsEntry("production_allowed", "annual drill on the production replica, approved in CAB-77");
      assertThat(digest(db)).isEqualTo(before);
    }
  }

  @Test
  void drill_whoseRollbackTheEngineRefuses_failsWithTheRefusal_andTheCutoverStays() throws Exception {
    try (FreshDatabase db = FreshDatabase.create(TestDatabase.H2)) {
      seed(db);
      Plan plan = plan(Duration.ofMinutes(15));
      ScopedSnapshotProvider snapshots = snapshots(db);
      Engine engine = engine(db, plan, snapshots);
      RollbackDrill drill = RollbackDrill.builder().engine(engine).log(log).plan(plan)
          .target("staging-eu").snapshots(snapshots).actor("intern").reason("curious").build();

      assertThatThrownBy(drill::run)
          .isInstanceOf(DrillException.class)
          .hasMessageMatching("the engine refused the drill's rollback: only the drill lead may roll"
              + " back on staging \\(drill.started at seq \\d+, rollback.refused at seq \\d+\\)");
      assertThat(engine.result().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(types()).endsWith("drill.started", "rollback.refused");
      assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts WHERE currency = 'EUR'")).isEqualTo(50);
    }
  }

  @Test
  void drill_ofACutoverThatFails_isNoDrill() throws Exception {
    try (FreshDatabase db = FreshDatabase.create(TestDatabase.H2)) {
      seed(db);
      exec(db, "ALTER TABLE accounts ADD COLUMN currency CHAR(3)"); // so add-column fails
      Plan plan = plan(Duration.ofMinutes(15));
      ScopedSnapshotProvider snapshots = snapshots(db);
      RollbackDrill drill = drill(engine(db, plan, snapshots), plan, snapshots).build();

      assertThatThrownBy(drill::run)
          .isInstanceOf(DrillException.class)
          .hasMessageStartingWith("the cutover of plan 'add-currency' ended ROLLED_BACK (task"
              + " 'add-column' failed")
          .hasMessageEndingWith("instead of SUCCEEDED: a drill rolls back a cutover that succeeded");
      assertThat(types()).doesNotContain("drill.started", "drill.completed");
    }
  }

  @Test
  void drill_stoppedAfterItsRollbackWasAccepted_isFinishedByTheNextRun() throws Exception {
    try (FreshDatabase db = FreshDatabase.create(TestDatabase.H2)) {
      seed(db);
      String before = digest(db);
      Plan plan = plan(Duration.ofMinutes(15));
      ScopedSnapshotProvider snapshots = snapshots(db);
      Engine first = engine(db, plan, snapshots);
      // What a drill that died after asking for its rollback leaves in the log.
      first.run();
      first.recordDrill("drill.started", "drill-lead",
          Map.of("target", "staging-eu", "reason", "quarterly rollback drill, OPS-1234", "rto_ms", 900_000L));
      first.requestRollback(new RollbackRequest("drill-lead", "quarterly rollback drill, OPS-1234", Map.of()));
      long startedCount = types().stream().filter("drill.started"::equals).count();

      Engine restarted = engine(db, plan, snapshots);
      DrillResult result = drill(restarted, plan, snapshots).build().run();

      assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(result.total()).isEqualTo(Duration.ofMinutes(11));
      assertThat(types().stream().filter("drill.started"::equals).count()).isEqualTo(startedCount);
      assertThat(types().stream().filter("rollback.requested"::equals).count()).isEqualTo(1);
      assertThat(digest(db)).isEqualTo(before);
    }
  }

  @Test
  void drill_refusesALogThatIsNotTheEngines() throws Exception {
    try (FreshDatabase db = FreshDatabase.create(TestDatabase.H2)) {
      seed(db);
      Plan plan = plan(Duration.ofMinutes(15));
      ScopedSnapshotProvider snapshots = snapshots(db);
      Engine engine = engine(db, plan, snapshots);
      engine.run();
      AuditLog other = AuditLog.inMemory(clock);
      RollbackDrill drill = RollbackDrill.builder().engine(engine).log(other).plan(plan)
          .target("staging-eu").actor("drill-lead").reason("r").build();
      long size = log.size();

      assertThatThrownBy(drill::run)
          .isInstanceOf(DrillException.class)
          .hasMessageContaining("is not the engine's log");
      assertThat(log.size()).isEqualTo(size);
      assertThat(engine.result().status()).isEqualTo(RunStatus.SUCCEEDED);

      Plan another = plan(Duration.ofMinutes(16));
      RollbackDrill wrongPlan = RollbackDrill.builder().engine(engine).log(log).plan(another)
          .target("staging-eu").actor("drill-lead").reason("r").build();
      assertThatThrownBy(wrongPlan::run)
          .isInstanceOf(DrillException.class)
          .hasMessageContaining("is not the engine's plan");
      assertThat(log.size()).isEqualTo(size);
    }
  }

  @Test
  void builder_checksEveryArgument() {
    Plan withRto = plan(Duration.ofMinutes(15));
    Plan withoutRto = plan(null);
    assertThatThrownBy(() -> RollbackDrill.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a rollback drill needs engine, log, target, actor, reason");
    assertThatThrownBy(() -> RollbackDrill.builder().target(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("target must not be blank");
    assertThatThrownBy(() -> RollbackDrill.builder().actor("a").actor("b"))
        .isInstanceOf(IllegalStateException.class).hasMessage("actor is already set to 'a'");
    assertThatThrownBy(() -> RollbackDrill.builder().rto(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> RollbackDrill.builder().engine(null))
        .isInstanceOf(NullPointerException.class).hasMessage("engine");

    Engine engine = Engine.builder().plan(withoutRto).log(log)
        .action("add-column", noop()).action("backfill", noop()).build();
    RollbackDrill.Builder base = RollbackDrill.builder().engine(engine).log(log)
        .target("t").actor("a").reason("r");
    assertThatThrownBy(() -> base.plan(withoutRto).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plan 'add-currency' has no recovery time objective");
    assertThat(base.rto(Duration.ofMinutes(3)).build().rto()).isEqualTo(Duration.ofMinutes(3));
    assertThatThrownBy(() -> RollbackDrill.builder().engine(engine).log(log).target("t")
            .actor("a").reason("r").plan(withRto).rto(Duration.ofMinutes(3)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("conflicts with the recovery time objective PT15M");
  }

  private static dev.cutover.engine.spi.TaskAction noop() {
    return new dev.cutover.engine.spi.TaskAction() {
      @Override
      public Map<String, Object> apply(dev.cutover.engine.spi.TaskContext context) {
        return Map.of();
      }

      @Override
      public boolean isApplied(dev.cutover.engine.spi.TaskContext context) {
        return false;
      }
    };
  }

  private AuditEntry entry(LogPosition p) {
    AuditEntry e = log.entry(p.seq());
    assertThat(e.hash().hex()).isEqualTo(p.hash());
    return e;
  }
}
