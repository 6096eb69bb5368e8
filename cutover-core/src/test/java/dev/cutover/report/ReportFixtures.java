package dev.cutover.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Realistic report models for the tests. */
final class ReportFixtures {
  static final Instant T0 = Instant.parse("2026-11-21T22:00:00Z");
  static final String ROOT = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f";
  static final String DIGEST = "4b1d0c7e2f9a8b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c";

  private ReportFixtures() {}

  static Instant at(int minutes, int seconds) {
    return T0.plus(Duration.ofMinutes(minutes).plusSeconds(seconds));
  }

  static ReportTask task(
      String id, String name, String owner, ReportTask.Kind kind, int plannedFrom, int plannedTo,
      Instant start, Instant finish, boolean critical, boolean irreversible,
      ReportTask.Status status) {
    return new ReportTask(id, name, owner, kind, Duration.ofMinutes(plannedFrom),
        Duration.ofMinutes(plannedTo), Optional.ofNullable(start), Optional.ofNullable(finish),
        critical, irreversible, status);
  }

  /**
   * A billing database cutover that ran late, failed its go/no-go gate on the error rate, and was
   * rolled back before the irreversible traffic flip.
   */
  static ReportModel rolledBack() {
    var step = ReportTask.Kind.STEP;
    var done = ReportTask.Status.COMPLETED;
    var undone = ReportTask.Status.ROLLED_BACK;
    return ReportModel.builder()
        .plan("billing-db-cutover", DIGEST)
        .plannedStart(T0)
        .verification(ReportVerification.verified(57, ROOT))
        .addTask(task("freeze-writes", "Freeze writes to billing", "ops", step, 0, 5,
            at(0, 0), at(4, 10), true, false, undone))
        .addTask(task("snapshot-db", "Snapshot billing database", "dba", step, 5, 20,
            at(4, 12), at(21, 40), true, false, done))
        .addTask(task("migrate-schema", "Migrate schema to v42", "dba", step, 20, 35,
            at(21, 41), at(33, 5), true, false, undone))
        .addTask(task("warm-caches", "Warm read caches", "sre", step, 20, 40,
            at(21, 41), at(38, 0), false, false, done))
        .addTask(task("backfill-accounts", "Backfill 4.2M accounts", "dba", step, 35, 75,
            at(33, 6), at(86, 30), true, false, undone))
        .addTask(task("go-no-go", "Go / no-go", "release-manager", ReportTask.Kind.GATE, 75, 80,
            at(86, 31), at(91, 2), true, false, ReportTask.Status.FAILED))
        .addTask(task("flip-traffic", "Flip traffic to the new cluster", "sre", step, 80, 85,
            null, null, true, true, ReportTask.Status.PENDING))
        .addTask(task("decommission-old", "Decommission old cluster", "sre", step, 85, 100,
            null, null, true, false, ReportTask.Status.PENDING))
        .addGate(new ReportGate("go-no-go", ReportGate.Decision.ROLLBACK, Optional.of(at(91, 2)),
            "release-manager", "error rate breached: 1.8% against at most 0.5%",
            List.of(
                new GateCriterion("error_rate < 0.5%", GateCriterion.Outcome.FAIL,
                    "error_rate = 1.8% over 5m (p95 of 12 samples)"),
                new GateCriterion("row counts match", GateCriterion.Outcome.PASS,
                    "accounts: 4,203,118 = 4,203,118"),
                new GateCriterion("replication lag < 2s", GateCriterion.Outcome.INSUFFICIENT_DATA,
                    "2 samples, 5 required; policy: treat as FAIL")),
            2,
            List.of(
                GateApproval.counted("alice@ops", "ROLLBACK"),
                GateApproval.counted("bob@dba", "ROLLBACK"),
                GateApproval.refused("carol@sre", "GO", "expired at 23:20:00Z"),
                GateApproval.refused("mallory", "GO", "unknown key")),
            "{\"criteria\":[\"error_rate\",\"row_counts\",\"replication_lag\"]}"))
        .addRollback(new ReportRollback(at(91, 5), Optional.of(at(104, 40)),
            "gate go-no-go decided ROLLBACK", "engine",
            List.of(
                new RollbackUndo("backfill-accounts", "restore", RollbackUndo.Outcome.UNDONE,
                    Optional.of(at(99, 10)), "restored from snapshot-db, digest 3f9a\u2026e1 verified"),
                new RollbackUndo("migrate-schema", "inverse", RollbackUndo.Outcome.UNDONE,
                    Optional.of(at(103, 0)), "down migration v42 -> v41"),
                new RollbackUndo("freeze-writes", "compensate", RollbackUndo.Outcome.UNDONE,
                    Optional.of(at(104, 40)), "writes re-enabled")),
            ReportRollback.Outcome.COMPLETED, ""))
        .addIncident(new ReportIncident("INC-2291", at(52, 0), "SEV2",
            "Backfill throughput at 40% of estimate", "dba-oncall", Optional.of(at(53, 30)),
            List.of(new IncidentEscalation(at(60, 0), "dba-oncall", "to the database lead"),
                new IncidentEscalation(at(75, 30), "database-lead", "to the incident commander"))))
        .addNote(new ReportNote(at(60, 30), "alice@ops", "decision",
            "Extend the backfill window by 15 minutes; keep the gate at 23:30"))
        .addNote(new ReportNote(at(91, 3), "alice@ops", "decision",
            "Roll back: the error rate breached the gate criterion"))
        .addDrill(new RecoveryDrill("restore billing from snapshot (staging, 2026-11-14)",
            Duration.ofMinutes(12).plusSeconds(30), Duration.ofMinutes(20)))
        .addDrill(new RecoveryDrill("down migration v42 (staging)",
            Duration.ofMinutes(6).plusSeconds(5), Duration.ofMinutes(5)))
        .build();
  }
}
