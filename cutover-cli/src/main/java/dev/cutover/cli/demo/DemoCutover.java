package dev.cutover.cli.demo;

import dev.cutover.engine.spi.SnapshotProvider;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.Verification;
import dev.cutover.migration.JavaStep;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.engine.MigrationAction;
import dev.cutover.migration.movement.ChunkListener;
import dev.cutover.migration.movement.ChunkProgress;
import dev.cutover.migration.movement.CutInPlace;
import dev.cutover.migration.reconcile.Reconciler;
import dev.cutover.migration.reconcile.ReconciliationReport;
import dev.cutover.migration.validation.CheckFailedException;
import dev.cutover.migration.validation.CheckResult;
import dev.cutover.migration.validation.Checkpoints;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo's cutover: the plan and the action bound to each of its steps.
 *
 * <pre>
 * baseline -> create-schema-v2 -> copy-accounts  -> reconcile-accounts --\
 *                              \-> move-transfers -> validate -----------> go-live -> switch-over -> smoke-test
 * </pre>
 *
 * <p>Every step is a real migration step (SQL, Java, chunked cut-in-place) run through {@link
 * MigrationAction}, recorded in the ledger and linked to its {@code task.started} entry. Steps
 * that change data undo by restoring a snapshot of a named scope. A failure injected with {@code
 * --fail-at} happens after the step's effect is committed (in its verification, or half-way
 * through the chunks of a data movement), so the rollback has real work to do.
 */
final class DemoCutover {
  static final String PLAN_ID = "bank-schema-v2";
  static final String GATE = "go-live";
  static final List<String> TASKS =
      List.of("baseline", "create-schema-v2", "copy-accounts", "move-transfers",
          "reconcile-accounts", "validate", GATE, "switch-over", "smoke-test");

  private final DemoDatabase db;
  private final SnapshotProvider snapshots;
  private final Clock clock;
  private final String failAt;
  private final Duration pause;
  private final Consumer<ChunkProgress> chunks;

  DemoCutover(DemoDatabase db, SnapshotProvider snapshots, Clock clock, String failAt,
      Duration pause, Consumer<ChunkProgress> chunks) {
    this.db = db;
    this.snapshots = snapshots;
    this.clock = clock;
    this.failAt = failAt;
    this.pause = pause;
    this.chunks = chunks;
  }

  static Plan plan() {
    return Plan.builder(PLAN_ID)
        .task(step("baseline", "ops", 2).build())
        .task(step("create-schema-v2", "dba", 5).after("baseline").build())
        .task(step("copy-accounts", "dba", 10).after("create-schema-v2").build())
        .task(step("move-transfers", "dba", 30).after("create-schema-v2").build())
        .task(step("reconcile-accounts", "qa", 5).after("copy-accounts").build())
        .task(step("validate", "qa", 5).after("move-transfers", "copy-accounts").build())
        .task(step(GATE, "release-board", 5).kind(TaskKind.GATE).after("validate", "reconcile-accounts").build())
        .task(step("switch-over", "ops", 5).after(GATE).build())
        .task(step("smoke-test", "qa", 3).after("switch-over").build())
        .deadline(Duration.ofHours(2))
        .build();
  }

  private static Task.Builder step(String id, String owner, int minutes) {
    return Task.builder(id).owner(owner).duration(Duration.ofMinutes(minutes));
  }

  /** The actions by task id, every one failing on purpose if it is the {@code --fail-at} task. */
  Map<String, TaskAction> actions() {
    Map<String, TaskAction> out = new LinkedHashMap<>();
    out.put("baseline", action(baseline(), Undo.notNeeded()));
    out.put("create-schema-v2", action(createSchema(), Undo.restore(snapshots, "schema-v2")));
    out.put("copy-accounts", action(copy("copy-accounts", "accounts", 20,
        "INSERT INTO accounts_v2 (id, owner, balance_cents, currency) SELECT id, owner, balance_cents, 'EUR'"
            + " FROM accounts WHERE id > ? AND id <= ?"), Undo.restore(snapshots, "accounts-v2")));
    out.put("move-transfers", action(copy("move-transfers", "transfers", 100,
        "INSERT INTO transfers_v2 (id, debit_account, credit_account, amount_cents, booked_at)"
            + " SELECT id, from_account, to_account, amount_cents, booked_at FROM transfers WHERE id > ? AND id <= ?"),
        Undo.restore(snapshots, "transfers-v2")));
    out.put("reconcile-accounts", action(reconcile(), Undo.notNeeded()));
    out.put("validate", action(validate(), Undo.notNeeded()));
    out.put("switch-over", action(switchOver(), Undo.restore(snapshots, "bank")));
    out.put("smoke-test", action(smokeTest(), Undo.notNeeded()));
    return out;
  }

  private TaskAction action(MigrationStep step, Undo undo) {
    MigrationAction a = MigrationAction.builder()
        .step(step).connections(db.connections()).cutoverId(PLAN_ID).actor("cutover-demo")
        .clock(clock).undo(undo).build();
    return step.id().equals(failAt) && !(step instanceof CutInPlace) ? new FailingVerify(a) : a;
  }

  private static JavaStep.Builder java(String id) {
    return JavaStep.builder().id(id).version("1")
        .isApplied(ctx -> DemoDatabase.hasEffect(ctx.connection(), id));
  }

  private static MigrationStep baseline() {
    return java("baseline")
        .apply(ctx -> {
          Connection c = ctx.connection();
          exec(c, "CREATE TABLE IF NOT EXISTS demo_baseline (id INT PRIMARY KEY, total_cents BIGINT NOT NULL,"
              + " accounts BIGINT NOT NULL, transfers BIGINT NOT NULL)");
          exec(c, "MERGE INTO demo_baseline KEY (id) SELECT 1, COALESCE(SUM(balance_cents), 0), COUNT(*),"
              + " (SELECT COUNT(*) FROM transfers) FROM accounts");
          DemoDatabase.recordEffect(c, "baseline", 0);
          return Map.of(
              "total_cents", DemoDatabase.queryLong(c, "SELECT total_cents FROM demo_baseline"),
              "accounts", DemoDatabase.queryLong(c, "SELECT accounts FROM demo_baseline"),
              "transfers", DemoDatabase.queryLong(c, "SELECT transfers FROM demo_baseline"));
        })
        .build();
  }

  private static MigrationStep createSchema() {
    return SqlStep.builder()
        .id("create-schema-v2")
        .sql("CREATE TABLE IF NOT EXISTS accounts_v2 (id BIGINT PRIMARY KEY, owner VARCHAR(40) NOT NULL,"
            + " balance_cents BIGINT NOT NULL, currency CHAR(3) NOT NULL);\n"
            + "CREATE TABLE IF NOT EXISTS transfers_v2 (id BIGINT PRIMARY KEY, debit_account BIGINT NOT NULL,"
            + " credit_account BIGINT NOT NULL, amount_cents BIGINT NOT NULL, booked_at VARCHAR(24) NOT NULL);\n"
            + "INSERT INTO demo_effects VALUES ('create-schema-v2', 0);\n")
        .appliedWhen("SELECT COUNT(*) FROM demo_effects WHERE task = 'create-schema-v2'")
        .build();
  }

  /** Copies a table into its new shape in chunks, pausing between chunks so the run takes time. */
  private MigrationStep copy(String id, String table, int chunk, String sql) {
    boolean fail = id.equals(failAt);
    return CutInPlace.builder()
        .id(id)
        .table(table)
        .keyColumn("id")
        .chunkSize(chunk)
        .transform("copy-v1:" + sql, (c, from, to) -> {
          long n;
          try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, from);
            p.setLong(2, to);
            n = p.executeUpdate();
          }
          DemoDatabase.recordEffect(c, id, to);
          return n;
        })
        .listener(new ChunkListener() {
          @Override
          public void chunkCommitted(ChunkProgress progress) {
            chunks.accept(progress);
            long total = (id.equals("move-transfers") ? DemoDatabase.TRANSFERS : DemoDatabase.ACCOUNTS) / chunk;
            if (fail && progress.chunk() == total / 2) {
              throw new IllegalStateException("injected failure at task '" + id + "' after chunk "
                  + progress.chunk() + " of " + total);
            }
            sleep(pause);
          }
        })
        .build();
  }

  private MigrationStep reconcile() {
    return java("reconcile-accounts")
        .apply(ctx -> {
          ReconciliationReport r = Reconciler.builder()
              .source(db.connections(), "accounts")
              .target(db.connections(), "accounts_v2")
              .key("id", "id", "owner", "balance_cents")
              .build()
              .compare();
          long mismatches = r.missingCount() + r.extraCount() + r.differentCount();
          exec(ctx.connection(), "MERGE INTO demo_meta KEY (name) VALUES ('reconcile_mismatches', '" + mismatches + "')");
          if (!r.matched()) {
            throw new SQLException("accounts and accounts_v2 differ: " + r.evidence());
          }
          DemoDatabase.recordEffect(ctx.connection(), "reconcile-accounts", 0);
          return r.evidence();
        })
        .build();
  }

  private static MigrationStep validate() {
    return java("validate")
        .apply(ctx -> {
          Connection c = ctx.connection();
          List<CheckResult> results = new ArrayList<>();
          results.add(Checkpoints.invariant("total balance",
              "SELECT COALESCE(SUM(balance_cents), 0) FROM accounts_v2",
              Checkpoints.measure(c, "SELECT total_cents FROM demo_baseline")).check(c));
          results.add(Checkpoints.rowCount("accounts_v2",
              DemoDatabase.queryLong(c, "SELECT accounts FROM demo_baseline")).check(c));
          results.add(Checkpoints.rowCount("transfers_v2",
              DemoDatabase.queryLong(c, "SELECT transfers FROM demo_baseline")).check(c));
          Map<String, Object> evidence = new LinkedHashMap<>();
          for (CheckResult r : results) {
            if (!r.passed()) {
              throw new CheckFailedException(r);
            }
            evidence.put(r.name(), r.detail());
          }
          DemoDatabase.recordEffect(c, "validate", 0);
          return evidence;
        })
        .build();
  }

  private static MigrationStep switchOver() {
    return java("switch-over")
        .apply(ctx -> {
          Connection c = ctx.connection();
          long rows;
          try (PreparedStatement p = c.prepareStatement("UPDATE accounts SET status = 'MIGRATED'")) {
            rows = p.executeUpdate();
          }
          exec(c, "UPDATE demo_control SET active_schema = 'v2' WHERE id = 1");
          DemoDatabase.recordEffect(c, "switch-over", 0);
          return Map.of("accounts_retired", rows, "active_schema", "v2");
        })
        .build();
  }

  private static MigrationStep smokeTest() {
    return java("smoke-test")
        .apply(ctx -> {
          Connection c = ctx.connection();
          long total = DemoDatabase.queryLong(c, "SELECT COALESCE(SUM(balance_cents), 0) FROM accounts_v2");
          long baseline = DemoDatabase.queryLong(c, "SELECT total_cents FROM demo_baseline");
          if (total != baseline) {
            throw new SQLException("total balance in accounts_v2 is " + total + ", expected " + baseline);
          }
          DemoDatabase.recordEffect(c, "smoke-test", 0);
          return Map.of("total_cents", total, "active_schema", "v2");
        })
        .build();
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.execute();
    }
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pacing the demo", e);
    }
  }

  /** Applies the real step, then fails its verification, so a rollback must undo a real effect. */
  private static final class FailingVerify implements TaskAction {
    private final TaskAction delegate;

    FailingVerify(TaskAction delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, Object> apply(TaskContext context) throws Exception {
      return delegate.apply(context);
    }

    @Override
    public boolean isApplied(TaskContext context) throws Exception {
      return delegate.isApplied(context);
    }

    @Override
    public Verification verify(TaskContext context) {
      return Verification.failed("injected failure at task '" + context.taskId() + "' (--fail-at)", Map.of());
    }

    @Override
    public Undo undo() {
      return delegate.undo();
    }
  }
}
