package dev.cutover.report;

import static dev.cutover.report.ReportFixtures.at;
import static dev.cutover.report.ReportFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportModelTest {
  private static final ReportTask.Kind STEP = ReportTask.Kind.STEP;
  private static final ReportTask.Status DONE = ReportTask.Status.COMPLETED;

  private static ReportModel.Builder base() {
    return ReportModel.builder()
        .plan("p", "d")
        .plannedStart(ReportFixtures.T0)
        .verification(ReportVerification.verified(1, ReportFixtures.ROOT));
  }

  @Test
  void variance_isActualMinusPlannedWithSign() {
    ReportTask late = task("a", "a", "", STEP, 0, 10, at(1, 0), at(13, 30), true, false, DONE);
    ReportTask early = task("b", "b", "", STEP, 10, 20, at(9, 0), at(15, 0), false, false, DONE);
    ReportModel m = base().addTask(late).addTask(early).build();

    assertThat(late.durationVariance()).contains(Duration.ofSeconds(150));
    assertThat(m.startVariance(late)).contains(Duration.ofMinutes(1));
    assertThat(m.finishVariance(late)).contains(Duration.ofSeconds(210));
    assertThat(early.durationVariance()).contains(Duration.ofMinutes(-4));
    assertThat(m.startVariance(early)).contains(Duration.ofMinutes(-1));
    assertThat(m.finishVariance(early)).contains(Duration.ofMinutes(-5));
  }

  @Test
  void variance_isEmptyForTasksThatDidNotFinish() {
    ReportTask running =
        task("a", "a", "", STEP, 0, 10, at(0, 0), null, false, false, ReportTask.Status.RUNNING);
    ReportModel m = base().addTask(running).build();

    assertThat(running.durationVariance()).isEmpty();
    assertThat(m.finishVariance(running)).isEmpty();
    assertThat(m.startVariance(running)).contains(Duration.ZERO);
  }

  @Test
  void criticalPathDrift_isTheLateFinishOfTheLastCriticalTask() {
    ReportModel m = base()
        .addTask(task("a", "a", "", STEP, 0, 10, at(0, 0), at(12, 0), true, false, DONE))
        .addTask(task("b", "b", "", STEP, 10, 30, at(12, 0), at(37, 0), true, false, DONE))
        .addTask(task("c", "c", "", STEP, 0, 5, at(0, 0), at(50, 0), false, false, DONE))
        .build();

    assertThat(m.criticalPath()).extracting(ReportTask::id).containsExactly("a", "b");
    assertThat(m.criticalPathDrift()).contains(Duration.ofMinutes(7));
    assertThat(m.actualEnd()).contains(at(50, 0));
    assertThat(m.plannedEnd()).isEqualTo(at(30, 0));
  }

  @Test
  void criticalPathDrift_isEmptyUntilThePathFinished() {
    assertThat(ReportFixtures.rolledBack().criticalPathDrift()).isEmpty();
  }

  @Test
  void pointOfNoReturn_isTheFirstIrreversibleTaskStartedElseThePlannedOne() {
    ReportModel started = base()
        .addTask(task("x", "x", "", STEP, 0, 10, at(20, 0), at(21, 0), false, true, DONE))
        .addTask(task("y", "y", "", STEP, 5, 10, at(3, 0), at(4, 0), false, true, DONE))
        .build();
    assertThat(started.pointOfNoReturn()).map(ReportTask::id).contains("y");
    assertThat(ReportFixtures.rolledBack().pointOfNoReturn()).map(ReportTask::id)
        .contains("flip-traffic");
    assertThat(base().build().pointOfNoReturn()).isEmpty();
  }

  @Test
  void builder_refusesNullsBlanksAndSecondSettings() {
    assertThatThrownBy(() -> ReportModel.builder().plan(null, "d"))
        .isInstanceOf(NullPointerException.class).hasMessage("id");
    assertThatThrownBy(() -> ReportModel.builder().plan(" ", "d"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> base().plannedStart(ReportFixtures.T0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("plannedStart");
    assertThatThrownBy(() -> ReportModel.builder().plan("p", "d").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("report model is missing: plannedStart, verification");
  }

  @Test
  void builder_refusesDuplicateTasksAndLeavesItselfUnchanged() {
    ReportTask a = task("a", "a", "", STEP, 0, 1, null, null, false, false,
        ReportTask.Status.PENDING);
    ReportModel.Builder b = base().addTask(a);
    assertThatThrownBy(() -> b.addTask(a))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("task 'a' was already added");
    assertThat(b.build().tasks()).hasSize(1);
  }

  @Test
  void model_refusesARollbackOfAnUnknownTask() {
    ReportRollback r = new ReportRollback(at(1, 0), Optional.of(at(2, 0)), "operator", "alice",
        List.of(new RollbackUndo("frezee", "inverse", RollbackUndo.Outcome.UNDONE,
            Optional.empty(), "")), ReportRollback.Outcome.COMPLETED, "");
    ReportModel.Builder b = base()
        .addTask(task("freeze", "freeze", "", STEP, 0, 1, at(0, 0), at(1, 0), false, false, DONE))
        .addRollback(r);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rollback undoes unknown task 'frezee' (known: freeze)");
  }

  @Test
  void task_refusesContradictions() {
    assertThatThrownBy(() -> task("a", "a", "", STEP, 10, 5, null, null, false, false,
        ReportTask.Status.PENDING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task 'a' is planned to finish at PT5M before it starts at PT10M");
    assertThatThrownBy(() -> task("a", "a", "", STEP, 0, 5, at(5, 0), at(4, 0), false, false, DONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it started");
    assertThatThrownBy(() -> task("a", "a", "", STEP, 0, 5, null, null, false, false, DONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task 'a' is completed but has no start time");
    assertThatThrownBy(() -> task("a", "a", "", STEP, 0, 5, at(0, 0), null, false, false,
        ReportTask.Status.PENDING))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pending");
  }

  @Test
  void values_copyTheirLists() {
    List<GateCriterion> criteria = new ArrayList<>();
    criteria.add(new GateCriterion("c", GateCriterion.Outcome.PASS, "ok"));
    ReportGate g = new ReportGate("g", ReportGate.Decision.GO, Optional.of(at(0, 0)), "", "",
        criteria, 0, List.of(), "");
    criteria.clear();
    assertThat(g.criteria()).hasSize(1);
    assertThatThrownBy(() -> g.criteria().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void gateAndRollbackAndVerification_refuseInconsistentStates() {
    assertThatThrownBy(() -> new ReportGate("g", ReportGate.Decision.GO, Optional.empty(), "", "",
        List.of(), 0, List.of(), "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReportRollback(at(1, 0), Optional.empty(), "t", "a", List.of(),
        ReportRollback.Outcome.COMPLETED, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GateApproval.refused("x", "GO", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReportVerification.verified(1, "ABC"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 lower-case hex");
    assertThatThrownBy(() -> ReportVerification.failed(1, "", 0, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void drill_isWithinRtoWhenNotSlower() {
    assertThat(new RecoveryDrill("d", Duration.ofMinutes(5), Duration.ofMinutes(5)).withinRto())
        .isTrue();
    assertThat(new RecoveryDrill("d", Duration.ofMinutes(6), Duration.ofMinutes(5)).withinRto())
        .isFalse();
  }
}
