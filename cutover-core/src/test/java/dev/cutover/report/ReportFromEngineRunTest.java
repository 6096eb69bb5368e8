package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditLog;
import dev.cutover.engine.Engine;
import dev.cutover.engine.EngineState;
import dev.cutover.engine.RunStatus;
import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.plan.Plan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
          .gate("go-no-go", gate -> new GateResult("go-no-go", GateDecision.NO_GO, "error rate too high", java.time.Instant.parse("2026-11-21T10:00:00Z"),
              Map.of("criterion", "error_rate <= 0.5", "metric", "error_rate", "value", "1.8",
                  "outcome", "FAIL", "reason", "1.8 > 0.5")))
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
      assertThat(g.reason()).isEqualTo("error rate too high");
      assertThat(g.criteria()).extracting(GateCriterion::outcome)
          .containsExactly(GateCriterion.Outcome.FAIL);
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
