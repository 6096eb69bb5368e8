package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditLog;
import dev.cutover.engine.Engine;
import dev.cutover.engine.EngineState;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.plan.Plan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a run of the real engine, recorded in a real audit log file. */
class ReportFromEngineRunTest {
  private static final Plan PLAN = RunScript.billingPlan();

  /** Thirty seconds pass every time anyone looks at the clock. */
  static final class SteppingClock extends Clock {
    private final AtomicLong reads = new AtomicLong();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return RunScript.T0.plusSeconds(30 * reads.getAndIncrement());
    }
  }

  /** A step whose effect is membership in a set; undone by its inverse when it has one. */
  static TaskAction step(Set<String> applied, String id, boolean undoable) {
    return step(applied, id, undoable ? Undo.inverse(ctx -> {
      applied.remove(id);
      return Map.of("removed", id);
    }) : Undo.notNeeded());
  }

  static TaskAction step(Set<String> applied, String id, Undo undo) {
    return new TaskAction() {
      @Override
      public Map<String, Object> apply(TaskContext context) {
        applied.add(id);
        return Map.of("rows", 42L);
      }

      @Override
      public boolean isApplied(TaskContext context) {
        return applied.contains(id);
      }

      @Override
      public Undo undo() {
        return undo;
      }
    };
  }

  /** Evidence in the shape dev.cutover.gate.Gate#decide gives it. */
  static Map<String, Object> gateEvidence() {
    return Map.of(
        "gate", "go-no-go",
        "window", Map.of("open", true, "reason", "no change windows"),
        "criteria", Map.of("criterion", "error_rate <= 0.5", "metric", "error_rate",
            "value", "1.8", "samples", 12L, "outcome", "FAIL", "reason", "1.8 > 0.5"),
        "approvals", Map.of("required", 2L, "decision", "GO", "counted", 1L,
            "approvers", List.of("alice"), "met", false, "reason", "1 of 2",
            "approvals", List.of(
                Map.of("signature", "c2ln", "approver", "alice", "status", "counted",
                    "reason", "valid approval by 'alice'"),
                Map.of("signature", "c2lnMg==", "approver", "bob", "status", "expired",
                    "reason", "expired at 2026-11-21T21:00:00Z, now 2026-11-21T22:10:00Z"))),
        "decision", "NO_GO",
        "reason", "criteria failed: 1.8 > 0.5");
  }

  @Test
  void report_ofARealEngineRunThatRolledBack(@TempDir Path dir) {
    Path file = dir.resolve("run.log");
    Set<String> applied = ConcurrentHashMap.newKeySet();
    EngineState finalState;
    try (AuditLog log = AuditLog.open(file, new SteppingClock())) {
      Engine engine = Engine.builder()
          .plan(PLAN)
          .log(log)
          .clock(new SteppingClock())
          .parallelism(1)
          .action("freeze", step(applied, "freeze", true))
          .action("snapshot", step(applied, "snapshot", false))
          .action("migrate", step(applied, "migrate", true))
          .action("warm", step(applied, "warm", false))
          .action("backfill", step(applied, "backfill", true))
          .action("flip", step(applied, "flip", Undo.impossible("switch traffic back by hand")))
          .gate("go-no-go", gate -> new GateResult(gate, GateDecision.NO_GO,
              "criteria failed: 1.8 > 0.5", RunScript.T0, gateEvidence()))
          .build();
      engine.run();
      finalState = engine.state();
    }
    assertThat(finalState.status()).isEqualTo(RunStatus.ROLLED_BACK);

    ReportModel m = ReportModel.fromLog(file, PLAN);

    assertThat(m.verification().ok()).isTrue();
    assertThat(m.tasks()).extracting(ReportTask::id, ReportTask::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("freeze", ReportTask.Status.ROLLED_BACK),
        org.assertj.core.groups.Tuple.tuple("snapshot", ReportTask.Status.COMPLETED),
        org.assertj.core.groups.Tuple.tuple("migrate", ReportTask.Status.ROLLED_BACK),
        org.assertj.core.groups.Tuple.tuple("warm", ReportTask.Status.COMPLETED),
        org.assertj.core.groups.Tuple.tuple("backfill", ReportTask.Status.ROLLED_BACK),
        org.assertj.core.groups.Tuple.tuple("go-no-go", ReportTask.Status.FAILED),
        org.assertj.core.groups.Tuple.tuple("flip", ReportTask.Status.PENDING),
        org.assertj.core.groups.Tuple.tuple("live", ReportTask.Status.PENDING));
    assertThat(m.gates()).singleElement().satisfies(g -> {
      assertThat(g.decision()).isEqualTo(ReportGate.Decision.NO_GO);
      assertThat(g.reason()).isEqualTo("criteria failed: 1.8 > 0.5");
      assertThat(g.criteria()).extracting(GateCriterion::outcome)
          .containsExactly(GateCriterion.Outcome.FAIL);
      assertThat(g.quorum()).isEqualTo(2);
      assertThat(g.approvals()).containsExactly(GateApproval.counted("alice", "GO"),
          GateApproval.refused("bob", "GO",
              "expired: expired at 2026-11-21T21:00:00Z, now 2026-11-21T22:10:00Z"));
    });
    assertThat(m.rollbacks()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(ReportRollback.Outcome.COMPLETED);
      assertThat(r.undone()).extracting(RollbackUndo::taskId)
          .containsExactly("backfill", "migrate", "freeze");
      assertThat(r.undone()).extracting(RollbackUndo::method).containsOnly("inverse");
    });
    assertThat(m.tasks()).filteredOn(t -> t.actualStart().isPresent())
        .allSatisfy(t -> assertThat(t.actualStart().get()).isAfterOrEqualTo(m.plannedStart()));
    assertThat(applied).containsExactlyInAnyOrder("snapshot", "warm");
    assertThat(HtmlReport.render(m)).contains("data-verified=\"true\"")
        .contains("class=\"rollback-band\"");
  }
}
