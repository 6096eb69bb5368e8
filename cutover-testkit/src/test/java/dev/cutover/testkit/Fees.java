package dev.cutover.testkit;

import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.migration.JavaStep;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.SqlStep;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/** A three-task cutover that charges a fee per account, with a correct and a crash-unsafe charge. */
final class Fees {
  private Fees() {}

  static final Plan PLAN = Plan.builder("fees")
      .task(Task.builder("create-fees").duration(Duration.ofMinutes(1)).build())
      .task(Task.builder("go").kind(TaskKind.GATE).after("create-fees").duration(Duration.ofMinutes(5)).build())
      .task(Task.builder("charge-fees").after("go").duration(Duration.ofMinutes(2)).build())
      .build();

  static final MigrationStep CREATE_FEES = SqlStep.builder()
      .id("create-fees")
      .sql("CREATE TABLE IF NOT EXISTS fees (account_id BIGINT NOT NULL, amount DECIMAL(12,2) NOT NULL)")
      .appliedWhen("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'fees'")
      .build();

  /** Knows from the data whether fees were charged. */
  static final MigrationStep CHARGE_FEES = JavaStep.builder()
      .id("charge-fees")
      .version("1")
      .apply(ctx -> Bank.update(ctx.connection(),
          "INSERT INTO fees (account_id, amount) SELECT id, 1.50 FROM accounts"))
      .isApplied(ctx -> {
        try (Statement s = ctx.connection().createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM fees")) {
          rs.next();
          return rs.getLong(1) > 0;
        }
      })
      .build();

  /** Cannot tell whether it ran, so a crash after it ran charges everyone twice. */
  static final MigrationStep CHARGE_FEES_UNSAFE = JavaStep.builder()
      .id("charge-fees")
      .version("1")
      .apply(ctx -> Bank.update(ctx.connection(),
          "INSERT INTO fees (account_id, amount) SELECT id, 1.50 FROM accounts"))
      .isApplied(ctx -> false)
      .build();

  static GateResult go(String gateId) {
    return new GateResult("scripted", GateDecision.GO, "fine", Instant.parse("2026-01-01T00:00:00Z"),
        java.util.Map.of());
  }

  static CrashScenario scenario(MigrationStep charge) {
    return CrashScenario.builder()
        .plan(PLAN)
        .setup(db -> Bank.seed(db, 3))
        .actions((engine, db) -> engine
            .action("create-fees", MigrationTask.of(CREATE_FEES, db))
            .action("charge-fees", MigrationTask.of(charge, db))
            .gate("go", Fees::go))
        .build();
  }
}
