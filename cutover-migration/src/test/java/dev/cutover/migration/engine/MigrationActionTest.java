package dev.cutover.migration.engine;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.engine.Engine;
import dev.cutover.engine.EngineListener;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.Lease;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.migration.AuditRef;
import dev.cutover.migration.JavaStep;
import dev.cutover.migration.Ledger;
import dev.cutover.migration.LedgerEntry;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.Verification;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.lease.LeaseLostException;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationActionTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  private static Plan plan() {
    return Plan.builder("bank")
        .task(Task.builder("schema").duration(Duration.ofMinutes(1)).build())
        .task(Task.builder("seed").duration(Duration.ofMinutes(1)).after("schema").build())
        .build();
  }

  private static SqlStep schema() {
    return SqlStep.builder()
        .id("schema")
        .sql("CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)")
        .build();
  }

  /** Inserts a row and counts its own applications in the same transaction. */
  private static JavaStep seed() {
    return JavaStep.builder()
        .id("seed")
        .version("1")
        .apply(ctx -> {
          exec(ctx.connection(), "INSERT INTO accounts VALUES (1, 100)", "INSERT INTO accounts VALUES (2, 50)");
          return Map.of("rows", 2);
        })
        .isApplied(ctx -> count(ctx.connection(), "SELECT COUNT(*) FROM accounts") > 0)
        .verify(ctx -> count(ctx.connection(), "SELECT SUM(balance) FROM accounts") == 150
            ? Verification.passed(Map.of("sum", 150))
            : Verification.failed("sum of balances is not 150", Map.of()))
        .build();
  }

  private static long count(Connection c, String sql) throws java.sql.SQLException {
    try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Engine engine(FreshDatabase db, AuditLog log, EngineListener... listeners) {
    ConnectionFactory cf = factory(db);
    var b = Engine.builder().plan(plan()).log(log).clock(CLOCK)
        .action("schema", MigrationAction.builder().step(schema()).connections(cf).cutoverId("bank").clock(CLOCK).build())
        .action("seed", MigrationAction.builder().step(seed()).connections(cf).cutoverId("bank").clock(CLOCK).build());
    for (EngineListener l : listeners) {
      b.listener(l);
    }
    return b.build();
  }

  @DatabaseTest
  void run_linksEveryLedgerRowToItsTaskStartedEntry(FreshDatabase db) throws Exception {
    AuditLog log = AuditLog.inMemory(CLOCK);
    RunResult r = engine(db, log).run();

    assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(queryLong(db, "SELECT SUM(balance) FROM accounts")).isEqualTo(150);
    Map<String, LedgerEntry> ledger;
    try (Connection c = db.connect()) {
      ledger = Ledger.named(Ledger.DEFAULT_TABLE).read(c, Dialect.detect(c));
    }
    for (String task : List.of("schema", "seed")) {
      AuditEntry started = log.entries(0, log.size()).stream()
          .filter(e -> e.type().equals("task.started") && task.equals(e.data().get("task")))
          .findFirst().orElseThrow();
      assertThat(ledger.get(task).audit())
          .contains(new AuditRef(started.seq(), started.hash().hex()));
    }
  }

  @DatabaseTest
  void rerunAfterFinish_appliesNothing(FreshDatabase db) throws Exception {
    AuditLog log = AuditLog.inMemory(CLOCK);
    engine(db, log).run();
    long size = log.size();

    RunResult again = engine(db, log).run();

    assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(log.size()).isEqualTo(size);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).isEqualTo(2);
  }

  @DatabaseTest
  void resume_afterCrashAfterApply_findsTheStepAppliedInTheLedgerAndAppliesItOnce(FreshDatabase db) throws Exception {
    AuditLog log = AuditLog.inMemory(CLOCK);
    EngineListener crash = new EngineListener() {
      @Override
      public void afterAction(String taskId, int attempt) {
        if (taskId.equals("seed")) {
          throw new CrashError();
        }
      }
    };
    assertThatThrownBy(() -> engine(db, log, crash).run()).isInstanceOf(CrashError.class);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).isEqualTo(2);

    RunResult r = engine(db, log).run();

    assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).isEqualTo(2);
    assertThat(log.entries(0, log.size()).stream()
        .filter(e -> e.type().equals("task.resolved"))
        .map(e -> e.data().get("applied")))
        .containsExactly(true);
  }

  @DatabaseTest
  void ledgerRows_recordThePlanIdUnlessACutoverIdIsSet(FreshDatabase db) throws Exception {
    ConnectionFactory cf = factory(db);
    Engine.builder().plan(plan()).log(AuditLog.inMemory(CLOCK)).clock(CLOCK)
        .action("schema", MigrationAction.builder().step(schema()).connections(cf).build())
        .action("seed", MigrationAction.builder().step(seed()).connections(cf).cutoverId("release-7").build())
        .build().run();

    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger"
        + " WHERE step_id = 'schema' AND cutover_id = 'bank'")).isEqualTo(1);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger"
        + " WHERE step_id = 'seed' AND cutover_id = 'release-7'")).isEqualTo(1);
    // outside an engine there is no plan
    MigrationAction.builder().step(SqlStep.of("alone", "CREATE TABLE alone (id INT)"))
        .connections(cf).build().apply(context("alone"));
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger"
        + " WHERE step_id = 'alone' AND cutover_id = 'none'")).isEqualTo(1);
  }

  @DatabaseTest
  void checksumChange_isRefusedThroughTheEngineUnlessAcceptedAndTheAcceptanceIsLogged(
      FreshDatabase db) throws Exception {
    ConnectionFactory cf = factory(db);
    SqlStep changed = SqlStep.of("schema",
        "CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL) -- reviewed");
    Plan one = Plan.builder("bank").task(Task.builder("schema").duration(Duration.ofMinutes(1)).build()).build();
    Engine.builder().plan(one).log(AuditLog.inMemory(CLOCK)).clock(CLOCK)
        .action("schema", MigrationAction.builder().step(schema()).connections(cf).build())
        .build().run();

    AuditLog refused = AuditLog.inMemory(CLOCK);
    RunResult r = Engine.builder().plan(one).log(refused).clock(CLOCK)
        .action("schema", MigrationAction.builder().step(changed).connections(cf).build())
        .build().run();
    assertThat(r.status()).isNotEqualTo(RunStatus.SUCCEEDED);
    assertThat(refused.entries(0, refused.size()).stream()
        .filter(e -> e.type().equals("task.failed")).map(e -> (String) e.data().get("reason")))
        .singleElement().asString()
        .contains(schema().checksum()).contains(changed.checksum());
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger WHERE checksum = '"
        + schema().checksum() + "'")).isEqualTo(1);

    AuditLog accepted = AuditLog.inMemory(CLOCK);
    RunResult ok = Engine.builder().plan(one).log(accepted).clock(CLOCK)
        .action("schema", MigrationAction.builder().step(changed).connections(cf)
            .acceptChecksumChange().actor("ada").clock(CLOCK).build())
        .build().run();
    assertThat(ok.status()).isEqualTo(RunStatus.SUCCEEDED);
    @SuppressWarnings("unchecked")
    Map<String, Object> evidence = (Map<String, Object>) accepted.entries(0, accepted.size()).stream()
        .filter(e -> e.type().equals("task.completed")).findFirst().orElseThrow()
        .data().get("evidence");
    assertThat(evidence).containsEntry("outcome", "SKIPPED");
    assertThat(evidence.get("checksumChangeAccepted")).isEqualTo(Map.of(
        "from", schema().checksum(), "to", changed.checksum(), "acceptedBy", "ada",
        "at", CLOCK.instant().toString()));
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger WHERE checksum = '"
        + changed.checksum() + "'")).isEqualTo(1);
    assertThatThrownBy(() -> MigrationAction.builder().acceptChecksumChange().acceptChecksumChange())
        .isInstanceOf(IllegalStateException.class);
  }

  @DatabaseTest
  void isApplied_isFalseWithoutALedgerRowAndTrueOnceApplied(FreshDatabase db) throws Exception {
    MigrationAction a = MigrationAction.builder().step(schema()).connections(factory(db)).build();
    TaskContext ctx = context("schema");
    assertThat(a.isApplied(ctx)).isFalse();
    Map<String, Object> evidence = a.apply(ctx);
    assertThat(evidence).containsEntry("outcome", "APPLIED");
    assertThat(a.isApplied(ctx)).isTrue();
    assertThat(a.apply(ctx)).containsEntry("outcome", "SKIPPED");
  }

  @DatabaseTest
  void leaseStore_givesIncreasingTokensAndRefusesASecondHolder(FreshDatabase db) {
    JdbcLeaseStore store = JdbcLeaseStore.of(factory(db), CLOCK);
    Instant t0 = CLOCK.instant();
    Lease first = store.acquire("bank", "a", t0, Duration.ofSeconds(10)).orElseThrow();
    assertThat(store.acquire("bank", "b", t0.plusSeconds(5), Duration.ofSeconds(10))).isEmpty();
    assertThat(store.renew(first, t0.plusSeconds(5), Duration.ofSeconds(10))).isPresent();
    Lease second = store.acquire("bank", "b", t0.plusSeconds(16), Duration.ofSeconds(10)).orElseThrow();
    assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
    assertThat(store.renew(first, t0.plusSeconds(17), Duration.ofSeconds(10))).isEmpty();
    store.release(second);
    assertThat(store.acquire("bank", "c", t0.plusSeconds(17), Duration.ofSeconds(10))).isPresent();
  }

  @DatabaseTest
  void fence_refusesAWriteWithAStaleToken(FreshDatabase db) throws Exception {
    Clock later = Clock.fixed(CLOCK.instant().plusSeconds(1), ZoneOffset.UTC);
    JdbcLeaseStore store = JdbcLeaseStore.of(factory(db), later);
    Lease first = store.acquire("bank", "a", CLOCK.instant(), Duration.ofMillis(500)).orElseThrow();
    store.acquire("bank", "b", later.instant(), Duration.ofSeconds(10)).orElseThrow();
    MigrationAction a = MigrationAction.builder().step(schema()).connections(factory(db))
        .fence(store.fence("bank")).build();

    assertThatThrownBy(() -> a.apply(context("schema", first.fencingToken())))
        .isInstanceOf(LeaseLostException.class);
    assertThat(a.isApplied(context("schema"))).isFalse();
  }

  @Test
  void builder_refusesMissingAndRepeatedArguments() {
    assertThatThrownBy(() -> MigrationAction.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("step");
    assertThatThrownBy(() -> MigrationAction.builder().step(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("step");
    assertThatThrownBy(() -> MigrationAction.builder().step(schema()).step(schema()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> MigrationAction.builder().cutoverId(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static TaskContext context(String id) {
    return context(id, 0);
  }

  private static TaskContext context(String id, long token) {
    return new TaskContext() {
      @Override
      public String taskId() {
        return id;
      }

      @Override
      public int attempt() {
        return 1;
      }

      @Override
      public String planDigest() {
        return "0".repeat(64);
      }

      @Override
      public long fencingToken() {
        return token;
      }

      @Override
      public Clock clock() {
        return CLOCK;
      }

      @Override
      public Optional<dev.cutover.engine.spi.LogPosition> startedEntry() {
        return Optional.empty();
      }
    };
  }

  /** Stops the engine like a crash, at a chosen durable point. */
  private static final class CrashError extends Error {
    private static final long serialVersionUID = 1L;
  }
}
