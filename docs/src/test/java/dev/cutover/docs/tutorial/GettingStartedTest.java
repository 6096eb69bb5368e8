package dev.cutover.docs.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.AuditLogVerifier;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.Undo;
import dev.cutover.gate.Criterion;
import dev.cutover.gate.Gate;
import dev.cutover.gate.GateInput;
import dev.cutover.gate.InsufficientDataPolicy;
import dev.cutover.gate.spi.MetricReading;
import dev.cutover.gate.spi.MetricSource;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.engine.MigrationAction;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.engine.ScopedSnapshotProvider;
import dev.cutover.rollback.jdbc.TableScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/getting-started.md. The logs it writes are kept in target/getting-started so
 * that the page's command-line examples can be re-run against them.
 */
class GettingStartedTest {
  static final Path OUT = Path.of("target/getting-started");

  @BeforeAll
  static void clean() throws Exception {
    if (Files.exists(OUT)) {
      try (Stream<Path> files = Files.walk(OUT)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(OUT);
  }

  static Plan plan() {
    // tag::plan[]
    Plan plan = Plan.builder("add-currency")
        .task(Task.builder("add-column").owner("dba").duration(Duration.ofMinutes(2)).build())
        .task(Task.builder("backfill").owner("dba").after("add-column")
            .duration(Duration.ofMinutes(10)).build())
        .task(Task.builder("go-live").kind(TaskKind.GATE).owner("release-manager")
            .after("backfill").duration(Duration.ofMinutes(5)).build())
        .build();
    // end::plan[]
    return plan;
  }

  static Gate gate() {
    // tag::gate[]
    Gate goLive = Gate.builder("go-live")
        .criterion(Criterion.metric("error_rate").below("0.01").minSamples(100)
            .onInsufficientData(InsufficientDataPolicy.FAIL).build())
        .build();
    // end::gate[]
    return goLive;
  }

  /** Runs the tutorial's cutover on the database and log given, with the error rate given. */
  static RunResult cutover(String url, Path logFile, String errorRate) throws Exception {
    Plan plan = plan();
    Gate goLive = gate();
    // tag::snapshots[]
    ConnectionFactory db = ConnectionFactory.of(url, "sa", "");
    TableScope accounts = TableScope.builder(db::open).table("accounts").build();
    try (SnapshotStore store = SnapshotStore.inMemory()
            .authorizer(PrincipalAllowlist.builder().allow("engine").build())
            .retention(Duration.ofHours(4))
            .build()) {
      ScopedSnapshotProvider snapshots = ScopedSnapshotProvider.builder()
          .store(store)
          .principal("engine")
          .cutoverId("add-currency")
          .scope("accounts", accounts)
          .build();
      // end::snapshots[]
      // tag::actions[]
      MigrationAction addColumn = MigrationAction.builder().connections(db)
          .step(SqlStep.of("add-column", "ALTER TABLE accounts ADD COLUMN currency CHAR(3)"))
          .undo(Undo.restore(snapshots, "accounts")) // snapshot before, restore on rollback
          .build();
      MigrationAction backfill = MigrationAction.builder().connections(db)
          .step(SqlStep.of("backfill", "UPDATE accounts SET currency = 'EUR'"))
          .undo(Undo.restore(snapshots, "accounts"))
          .build();
      // end::actions[]
      // tag::run[]
      MetricSource metrics = metric -> metric.equals("error_rate")
          ? Optional.of(MetricReading.of(errorRate, 5000)) // e.g. from your metrics system
          : Optional.empty();
      try (AuditLog log = AuditLog.open(logFile, Clock.systemUTC())) {
        Engine engine = Engine.builder()
            .plan(plan)
            .log(log)
            .action("add-column", addColumn)
            .action("backfill", backfill)
            .gate("go-live", gateId -> goLive.decide(
                GateInput.builder(Clock.systemUTC()).metrics(metrics).build()))
            .build();
        RunResult result = engine.run();
        System.out.println(result.status() + ": " + result.tasks());
        System.out.println(log.size() + " entries, root " + log.root().hex());
        return result;
      }
      // end::run[]
    }
  }

  @Test
  void firstRun_succeeds_andTheSecondIsANoOp() throws Exception {
    String url = "jdbc:h2:mem:tutorial;DB_CLOSE_DELAY=-1";
    seed(url);
    Path logFile = OUT.resolve("audit.log");

    RunResult first = cutover(url, logFile, "0.002");
    assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
    long size = first.logSize();

    // tag::rerun[]
    RunResult again = cutover(url, logFile, "0.002");
    assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(again.logSize()).isEqualTo(size); // nothing appended, nothing applied twice
    // end::rerun[]
    assertThat(count(url, "SELECT COUNT(*) FROM accounts WHERE currency = 'EUR'")).isEqualTo(2);
    assertThat(count(url, "SELECT COUNT(*) FROM cutover_ledger")).isEqualTo(2);
    assertThat(AuditLogVerifier.verify(logFile).ok()).isTrue();
    drop(url);
  }

  @Test
  void aFailingGate_rollsBackByRestoringTheSnapshots() throws Exception {
    String url = "jdbc:h2:mem:tutorial-failure;DB_CLOSE_DELAY=-1";
    seed(url);
    Path logFile = OUT.resolve("failed.log");

    RunResult failed = cutover(url, logFile, "0.05"); // 5% errors: the gate says NO_GO
    assertThat(failed.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(failed.rollbackReason()).contains("go-live");
    try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        ResultSet rs = c.getMetaData().getColumns(null, null, "ACCOUNTS", "CURRENCY")) {
      assertThat(rs.next()).as("the column is gone again").isFalse();
    }
    assertThat(count(url, "SELECT SUM(balance) FROM accounts")).isEqualTo(30);
    assertThat(count(url, "SELECT COUNT(*) FROM cutover_ledger"))
        .as("undone steps are no longer recorded as applied, as the page says").isZero();

    // tag::undo-entries[]
    try (AuditLog log = AuditLog.readOnly(logFile)) {
      for (AuditEntry e : log.entries(0, log.size())) {
        if (e.type().startsWith("task.undo.") || e.type().startsWith("rollback.")
            || e.type().equals("gate.decided") || e.type().equals("run.finished")) {
          System.out.println(e.seq() + " " + e.type() + " " + e.data());
        }
      }
    }
    // end::undo-entries[]
    List<String> printed = new ArrayList<>();
    try (AuditLog log = AuditLog.readOnly(logFile)) {
      log.entries(0, log.size()).forEach(e -> printed.add(e.type()));
    }
    assertThat(printed).containsSubsequence("gate.decided", "rollback.requested",
        "task.undo.started", "task.undo.completed", "run.finished");
    assertThat(AuditLogVerifier.verify(logFile).ok()).isTrue();
    drop(url);
  }

  static void seed(String url) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("DROP ALL OBJECTS");
      s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance DECIMAL(12,2))");
      s.execute("INSERT INTO accounts VALUES (1, 10.00), (2, 20.00)");
    }
  }

  static long count(String url, String sql) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void drop(String url) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
  }
}
