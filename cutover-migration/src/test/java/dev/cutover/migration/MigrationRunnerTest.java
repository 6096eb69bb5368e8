package dev.cutover.migration;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static dev.cutover.migration.TestSql.tableExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.DatabaseUnavailableException;
import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MigrationRunnerTest {
  private static final String HASH = "ab".repeat(32);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123Z"), ZoneOffset.UTC);

  private static List<MigrationStep> schema() {
    return List.of(
        SqlStep.of("V1__accounts", "CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance DECIMAL(12,2));"
            + "INSERT INTO accounts VALUES (1, 10.50)"),
        SqlStep.of("V2__more", "INSERT INTO accounts VALUES (2, 20.25)"),
        JavaStep.builder().id("J3__bonus").version("1")
            .apply(ctx -> {
              exec(ctx.connection(), "UPDATE accounts SET balance = balance + 1 WHERE id = 2");
              return Evidence.of("bonus", 1);
            })
            .isApplied(ctx -> false)
            .build());
  }

  private static MigrationRunner runner(FreshDatabase db) {
    return MigrationRunner.builder().connections(factory(db)).clock(CLOCK).build();
  }

  @DatabaseTest
  void run_appliesStepsAndRecordsThemInTheLedger(FreshDatabase db) throws Exception {
    RunOptions options = RunOptions.builder().cutoverId("release-42").actor("ada")
        .audit(id -> Optional.of(new AuditRef(7, HASH))).build();
    RunReport r = runner(db).run(schema(), options);

    assertThat(r.applied()).isEqualTo(3);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).isEqualTo(2);
    assertThat(queryLong(db, "SELECT balance * 100 FROM accounts WHERE id = 2")).isEqualTo(2125);
    try (Connection c = db.connect()) {
      Map<String, LedgerEntry> ledger = runner(db).ledger().read(c, Dialect.detect(c));
      assertThat(ledger).containsOnlyKeys("V1__accounts", "V2__more", "J3__bonus");
      LedgerEntry e = ledger.get("V1__accounts");
      assertThat(e.state()).isEqualTo(LedgerState.APPLIED);
      assertThat(e.checksum()).isEqualTo(schema().get(0).checksum());
      assertThat(e.cutoverId()).isEqualTo("release-42");
      assertThat(e.appliedBy()).isEqualTo("ada");
      assertThat(e.appliedAt()).isEqualTo(CLOCK.instant());
      assertThat(e.audit()).contains(new AuditRef(7, HASH));
      assertThat(e.transactional()).isEqualTo(Dialect.detect(c).transactionalDdl());
      assertThat(ledger.get("V2__more").transactional()).isTrue();
    }
  }

  @DatabaseTest
  void rerun_skipsEveryAppliedStepAndChangesNothing(FreshDatabase db) throws Exception {
    runner(db).run(schema());
    AtomicInteger finished = new AtomicInteger();
    MigrationRunner fresh = MigrationRunner.builder().connections(factory(db))
        .listener(new MigrationListener() {
          @Override
          public void stepFinished(StepOutcome o) {
            assertThat(o.status()).isEqualTo(StepOutcome.Status.SKIPPED);
            finished.incrementAndGet();
          }
        }).build();
    RunReport again = fresh.run(schema());
    assertThat(again.skipped()).isEqualTo(3);
    assertThat(again.applied()).isZero();
    assertThat(finished).hasValue(3);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).isEqualTo(2);
    assertThat(queryLong(db, "SELECT balance * 100 FROM accounts WHERE id = 2")).isEqualTo(2125);
  }

  @DatabaseTest
  void drift_isRefusedWithBothChecksumsAndNothingIsApplied(FreshDatabase db) throws Exception {
    runner(db).run(schema().subList(0, 2));
    SqlStep changed = SqlStep.of("V2__more", "INSERT INTO accounts VALUES (2, 99.99)");
    List<MigrationStep> next = List.of(schema().get(0), changed,
        SqlStep.of("V4__new", "INSERT INTO accounts VALUES (4, 1)"));

    assertThatThrownBy(() -> runner(db).run(next))
        .isInstanceOfSatisfying(ChecksumDriftException.class, e -> {
          assertThat(e.stepId()).isEqualTo("V2__more");
          assertThat(e.appliedChecksum()).isEqualTo(schema().get(1).checksum());
          assertThat(e.currentChecksum()).isEqualTo(changed.checksum());
          assertThat(e.getMessage()).contains(e.appliedChecksum()).contains(e.currentChecksum());
        });
    assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).isEqualTo(2);
  }

  @DatabaseTest
  void drift_whenAcceptedIsRecordedAndReported(FreshDatabase db) throws Exception {
    runner(db).run(schema().subList(0, 2));
    SqlStep changed = SqlStep.of("V2__more", "INSERT INTO accounts VALUES (2, 99.99)");
    List<DriftAcceptance> heard = new ArrayList<>();
    MigrationRunner r = MigrationRunner.builder().connections(factory(db)).clock(CLOCK)
        .listener(new MigrationListener() {
          @Override
          public void driftAccepted(DriftAcceptance a) {
            heard.add(a);
          }
        }).build();
    RunReport report = r.run(List.of(schema().get(0), changed),
        RunOptions.builder().actor("ada").acceptChecksumChange("V2__more").build());

    DriftAcceptance expected = new DriftAcceptance("V2__more", schema().get(1).checksum(),
        changed.checksum(), "ada", CLOCK.instant());
    assertThat(report.driftAcceptances()).containsExactly(expected);
    assertThat(heard).containsExactly(expected);
    assertThat(report.skipped()).isEqualTo(2);
    assertThat(runner(db).run(List.of(schema().get(0), changed)).skipped()).isEqualTo(2);
  }

  @DatabaseTest
  void failingSqlStep_transactionalLeavesNothing_nonTransactionalIsReportedAsPartial(
      FreshDatabase db) throws Exception {
    SqlStep bad = SqlStep.of("V1__bad", "CREATE TABLE half (id INT PRIMARY KEY);"
        + "INSERT INTO half VALUES (1);"
        + "INSERT INTO no_such_table VALUES (1)");
    boolean transactional;
    try (Connection c = db.connect()) {
      transactional = Dialect.detect(c).transactionalDdl();
    }
    if (transactional) {
      assertThatThrownBy(() -> runner(db).run(List.of(bad)))
          .isInstanceOf(StepFailedException.class)
          .hasMessageContaining("V1__bad").hasMessageContaining("rolled back");
      assertThat(tableExists(db, "half")).isFalse();
      assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger")).isZero();
    } else {
      assertThatThrownBy(() -> runner(db).run(List.of(bad)))
          .isInstanceOfSatisfying(PartialMigrationException.class, e -> {
            assertThat(e.stepId()).isEqualTo("V1__bad");
            assertThat(e.committedStatements()).isEqualTo(2);
            assertThat(e.totalStatements()).isEqualTo(3);
            assertThat(e.failedStatement()).contains("no_such_table");
          });
      assertThat(tableExists(db, "half")).isTrue();
      assertThat(queryLong(db,
          "SELECT COUNT(*) FROM cutover_ledger WHERE state = 'FAILED' AND step_id = 'V1__bad'"))
          .isEqualTo(1);
      // never guessed: the re-run refuses until a person decides
      assertThatThrownBy(() -> runner(db).run(List.of(bad)))
          .isInstanceOfSatisfying(UnresolvedStepException.class,
              e -> assertThat(e.state()).isEqualTo(LedgerState.FAILED));
    }
  }

  @DatabaseTest
  void crashAfterNonTransactionalEffect_isResolvedByIsAppliedAndNotAppliedTwice(FreshDatabase db)
      throws Exception {
    exec(db, "CREATE TABLE events (id INT PRIMARY KEY)");
    AtomicInteger applied = new AtomicInteger();
    boolean[] crash = {true};
    MigrationStep step = JavaStep.builder().id("J1__event").version("1").transactional(false)
        .apply(ctx -> {
          exec(ctx.connection(), "INSERT INTO events VALUES (1)");
          applied.incrementAndGet();
          if (crash[0]) {
            throw new SimulatedCrash();
          }
          return Map.of();
        })
        .isApplied(ctx -> {
          try (var s = ctx.connection().createStatement();
              var rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE id = 1")) {
            rs.next();
            return rs.getInt(1) == 1;
          }
        })
        .build();
    assertThatThrownBy(() -> runner(db).run(List.of(step))).isInstanceOf(SimulatedCrash.class);
    // a durable database keeps the started row written before the effect; an in-memory H2
    // database, which no crash of the process can outlive, gets no started row, so the error
    // that stopped the step is recorded as a failed row instead
    String left = db.kind() == TestDatabase.H2 ? "FAILED" : "STARTED";
    assertThat(queryLong(db,
        "SELECT COUNT(*) FROM cutover_ledger WHERE state = '" + left + "'")).isEqualTo(1);

    crash[0] = false;
    RunReport r = runner(db).run(List.of(step));
    assertThat(r.resolved()).isEqualTo(1);
    assertThat(applied).hasValue(1);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM events")).isEqualTo(1);
    assertThat(runner(db).run(List.of(step)).skipped()).isEqualTo(1);
  }

  @DatabaseTest
  void interruptedStepWhoseEffectIsAbsent_isAppliedAgainAndRecordedByTheNewRun(FreshDatabase db)
      throws Exception {
    exec(db, "CREATE TABLE events (id INT PRIMARY KEY)");
    boolean[] crash = {true};
    MigrationStep step = JavaStep.builder().id("J1__event").version("1").transactional(false)
        .apply(ctx -> {
          if (crash[0]) {
            throw new SimulatedCrash();
          }
          exec(ctx.connection(), "INSERT INTO events VALUES (1)");
          return Map.of();
        })
        .isApplied(ctx -> {
          try (var s = ctx.connection().createStatement();
              var rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            return rs.getInt(1) > 0;
          }
        })
        .build();
    RunOptions first = RunOptions.builder().cutoverId("release-1").actor("ada")
        .audit(id -> Optional.of(new AuditRef(3, HASH))).build();
    assertThatThrownBy(() -> runner(db).run(List.of(step), first))
        .isInstanceOf(SimulatedCrash.class);

    crash[0] = false;
    String otherHash = "cd".repeat(32);
    RunOptions second = RunOptions.builder().cutoverId("release-2").actor("grace")
        .audit(id -> Optional.of(new AuditRef(9, otherHash))).build();
    RunReport r = runner(db).run(List.of(step), second);

    assertThat(r.applied()).isEqualTo(1);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM events")).isEqualTo(1);
    try (Connection c = db.connect()) {
      LedgerEntry e = runner(db).ledger().read(c, Dialect.detect(c)).get("J1__event");
      assertThat(e.state()).isEqualTo(LedgerState.APPLIED);
      assertThat(e.transactional()).isFalse();
      assertThat(e.checksum()).isEqualTo(step.checksum());
      assertThat(e.cutoverId()).isEqualTo("release-2");
      assertThat(e.appliedBy()).isEqualTo("grace");
      assertThat(e.audit()).contains(new AuditRef(9, otherHash));
      assertThat(e.detail()).startsWith("applied (non-transactional on ");
    }
  }

  @DatabaseTest
  void sqlStepWithAppliedWhen_isResolvedAfterAnInterruption(FreshDatabase db) throws Exception {
    SqlStep bad = SqlStep.builder().id("V1__t").sql("CREATE TABLE t1 (id INT); CREATE TABLE t2 (id INT)")
        .appliedWhen("SELECT COUNT(*) FROM cutover_ledger WHERE step_id = 'never'").build();
    exec(db, "CREATE TABLE t2 (id INT)");
    boolean transactional;
    try (Connection c = db.connect()) {
      transactional = Dialect.detect(c).transactionalDdl();
    }
    assertThatThrownBy(() -> runner(db).run(List.of(bad))).isInstanceOf(StepFailedException.class);
    assertThat(tableExists(db, "t1")).isEqualTo(!transactional);
    exec(db, "DROP TABLE t2");
    if (!transactional) {
      exec(db, "DROP TABLE t1");
    }
    // the probe says "absent", so the step is applied again
    assertThat(runner(db).run(List.of(bad)).applied()).isEqualTo(1);
    assertThat(tableExists(db, "t1")).isTrue();
  }

  @Test
  void unreachableDatabase_isNamedWithoutItsPassword() {
    ConnectionFactory cf = ConnectionFactory.of(
        "jdbc:postgresql://127.0.0.1:1/nowhere?user=bob&password=hunter2", "bob", "hunter2");
    assertThatThrownBy(() -> MigrationRunner.builder().connections(cf).build().run(schema()))
        .isInstanceOfSatisfying(DatabaseUnavailableException.class, e -> {
          assertThat(e.url()).isEqualTo("jdbc:postgresql://127.0.0.1:1/nowhere?user=bob&password=***");
          assertThat(e.getMessage()).contains("127.0.0.1:1/nowhere").doesNotContain("hunter2");
        });
    ConnectionFactory maria = ConnectionFactory.of("jdbc:mariadb://bob:hunter2@127.0.0.1:1/x", null, null);
    assertThatThrownBy(maria::connect)
        .hasMessageContaining("jdbc:mariadb://bob:***@127.0.0.1:1/x").hasMessageNotContaining("hunter2");
  }

  @DatabaseTest(TestDatabase.H2)
  void missingDatabase_givesAClearError(FreshDatabase db) {
    ConnectionFactory cf = ConnectionFactory.of("jdbc:h2:mem:x;IFEXISTS=TRUE;PASSWORD=s3cret", "sa", "s3cret");
    assertThatThrownBy(() -> MigrationRunner.builder().connections(cf).build().run(schema()))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("cannot connect to database jdbc:h2:mem:x;IFEXISTS=TRUE;PASSWORD=***")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void run_refusesDuplicateIdsAndBuildersCheckArguments() {
    MigrationRunner r = MigrationRunner.builder()
        .connections(ConnectionFactory.of("jdbc:h2:mem:dups", "sa", "")).build();
    assertThatThrownBy(() -> r.run(List.of(SqlStep.of("a", "SELECT 1"), SqlStep.of("a", "SELECT 2"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("step id 'a' appears more than once");
    assertThatThrownBy(() -> MigrationRunner.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> MigrationRunner.builder().ledgerTable("x; DROP TABLE y"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain sql identifier");
    assertThatThrownBy(() -> RunOptions.builder().actor(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RunOptions.builder().fence(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("fence");
    assertThatThrownBy(() -> new AuditRef(1, "XYZ")).isInstanceOf(IllegalArgumentException.class);
  }

  @DatabaseTest
  void ledgerReadOfOneStep_givesItsRowOrNothingAndCreatesTheTable(FreshDatabase db)
      throws Exception {
    Ledger ledger = Ledger.named("step_ledger");
    try (Connection c = db.connect()) {
      assertThat(ledger.read(c, Dialect.detect(c), "V1__accounts")).isEmpty();
    }
    assertThat(tableExists(db, "step_ledger")).isTrue();
    MigrationRunner.builder().connections(factory(db)).ledgerTable("step_ledger").build()
        .run(schema());
    try (Connection c = db.connect()) {
      Dialect d = Dialect.detect(c);
      assertThat(ledger.read(c, d, "V2__more")).get()
          .isEqualTo(ledger.read(c, d).get("V2__more"));
      assertThat(ledger.read(c, d, "V9__unknown")).isEmpty();
    }
  }

  @DatabaseTest
  void ledgerTable_isConfigurable(FreshDatabase db) throws Exception {
    MigrationRunner r = MigrationRunner.builder().connections(factory(db)).ledgerTable("my_ledger").build();
    r.run(schema());
    assertThat(queryLong(db, "SELECT COUNT(*) FROM my_ledger")).isEqualTo(3);
    assertThat(tableExists(db, "cutover_ledger")).isFalse();
  }

  /** Stands for a process dying in the middle of a step: not an exception the runner handles. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }
}
