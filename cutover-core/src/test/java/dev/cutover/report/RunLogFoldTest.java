package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.RunStatus;
import dev.cutover.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunLogFoldTest {
  private static final Plan PLAN = RunScript.billingPlan();
  private static final ReportVerification OK =
      ReportVerification.verified(40, ReportFixtures.ROOT);
  private static final Map<String, String> UNDO = Map.of("freeze", "compensate",
      "migrate", "inverse", "backfill", "restore", "flip", "compensate");

  private static Instant at(int m, int s) {
    return RunScript.T0.plus(Duration.ofMinutes(m).plusSeconds(s));
  }

  private static ReportModel fold(RunScript run) {
    return RunLogFold.fold("run.log", PLAN, run.entries(), OK);
  }

  @Test
  void fold_takesActualTimesFromTheLogAndPlannedTimesFromTheCriticalPath() {
    RunScript run = RunScript.rolledBack();
    assertThat(run.state().status()).isEqualTo(RunStatus.ROLLED_BACK);
    ReportModel m = fold(run);

    assertThat(m.planId()).isEqualTo("billing-db-cutover");
    assertThat(m.planDigest()).isEqualTo(PLAN.digest());
    assertThat(m.plannedStart()).isEqualTo(RunScript.T0);
    ReportTask backfill = m.task("backfill").orElseThrow();
    assertThat(backfill.plannedStart()).isEqualTo(Duration.ofMinutes(35));
    assertThat(backfill.plannedFinish()).isEqualTo(Duration.ofMinutes(75));
    assertThat(backfill.actualStart()).contains(at(35, 1));
    assertThat(backfill.actualFinish()).contains(at(88, 0));
    assertThat(backfill.critical()).isTrue();
    assertThat(backfill.owner()).isEqualTo("dba");
    assertThat(backfill.status()).isEqualTo(ReportTask.Status.ROLLED_BACK);
    assertThat(m.task("warm").orElseThrow().critical()).isFalse();
    assertThat(m.task("warm").orElseThrow().status()).isEqualTo(ReportTask.Status.COMPLETED);
    assertThat(m.task("freeze").orElseThrow().name()).isEqualTo("Freeze writes");
    assertThat(m.task("flip").orElseThrow().irreversible()).isTrue();
    assertThat(m.task("flip").orElseThrow().status()).isEqualTo(ReportTask.Status.PENDING);
    assertThat(m.pointOfNoReturn()).map(ReportTask::id).contains("flip");
  }

  @Test
  void fold_gateRunsFromWhenItWasReadyToItsFinalDecision() {
    ReportModel m = fold(RunScript.rolledBack());
    ReportTask gate = m.task("go-no-go").orElseThrow();
    assertThat(gate.actualStart()).contains(at(88, 0));
    assertThat(gate.actualFinish()).contains(at(90, 1));
    assertThat(gate.status()).isEqualTo(ReportTask.Status.FAILED);

    assertThat(m.gates()).singleElement().satisfies(g -> {
      assertThat(g.decision()).isEqualTo(ReportGate.Decision.NO_GO);
      assertThat(g.decidedBy()).isEqualTo("alice (operator decision)");
      assertThat(g.criteria()).extracting(GateCriterion::name, GateCriterion::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("all of", GateCriterion.Outcome.FAIL),
              org.assertj.core.groups.Tuple.tuple("error_rate <= 0.5", GateCriterion.Outcome.FAIL),
              org.assertj.core.groups.Tuple.tuple("lag_ms <= 2000", GateCriterion.Outcome.PASS));
      assertThat(g.criteria().get(1).evidence()).contains("1.8 > 0.5").contains("samples=12");
      assertThat(g.quorum()).isEqualTo(2);
      assertThat(g.approvals()).containsExactly(GateApproval.counted("alice", "GO"),
          GateApproval.refused("unknown signer (signature c2lnMg==\u2026)", "GO",
              "unknown key: signature does not verify under any configured approver's key"));
      assertThat(g.evidence()).startsWith("{\"criteria\":");
    });
    assertThat(m.notes()).extracting(ReportNote::kind)
        .containsExactly("note", "hold", "decision");
  }

  @Test
  void fold_listsTheRollbackInTheOrderTasksWereUndone() {
    ReportModel m = fold(RunScript.rolledBack());
    assertThat(m.rollbacks()).singleElement().satisfies(r -> {
      assertThat(r.startedAt()).isEqualTo(at(90, 1));
      assertThat(r.finishedAt()).contains(at(103, 0));
      assertThat(r.outcome()).isEqualTo(ReportRollback.Outcome.COMPLETED);
      assertThat(r.trigger()).contains("decided NO_GO");
      assertThat(r.undone()).extracting(RollbackUndo::taskId, RollbackUndo::method)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("backfill", "restore"),
              org.assertj.core.groups.Tuple.tuple("migrate", "inverse"),
              org.assertj.core.groups.Tuple.tuple("freeze", "compensate"));
      assertThat(r.undone().get(0).detail())
          .isEqualTo("restored snapshot snap-1; digest ab12; verified");
    });
  }

  @Test
  void fold_recordsIncidentsWithAcknowledgementAndEscalation() {
    ReportModel m = fold(RunScript.rolledBack());
    assertThat(m.incidents()).singleElement().satisfies(i -> {
      assertThat(i.raisedBy()).isEqualTo("ops-lead");
      assertThat(i.acknowledgedAt()).contains(at(57, 0));
      assertThat(i.escalations()).containsExactly(new IncidentEscalation(at(56, 0), "engine",
          "not acknowledged within its response sla"));
    });
  }

  @Test
  void fold_ofASuccessfulRunMeasuresCriticalPathDrift() {
    RunScript run = new RunScript(PLAN)
        .at(0, 0).started(UNDO)
        .ran("freeze", 0, 0, 5, 0)
        .ran("snapshot", 5, 0, 20, 0)
        .ran("migrate", 20, 0, 33, 0)
        .ran("warm", 20, 0, 29, 0)
        .ran("backfill", 33, 0, 80, 0)
        .at(81, 0).event("gate.decided", "gate", "go-no-go", "decision", "GO", "reason", "all pass",
            "source", "evaluator", "evidence", Map.of())
        .ran("flip", 81, 1, 86, 0)
        .at(86, 0).event("task.completed", "task", "live", "milestone", true)
        .event("run.finished", "status", "SUCCEEDED");
    ReportModel m = fold(run);

    assertThat(m.tasks()).allSatisfy(t ->
        assertThat(t.status()).isEqualTo(ReportTask.Status.COMPLETED));
    assertThat(m.criticalPathDrift()).contains(Duration.ofMinutes(1));
    assertThat(m.pointOfNoReturn().flatMap(ReportTask::actualStart)).contains(at(81, 1));
    assertThat(m.task("live").orElseThrow().actualDuration()).contains(Duration.ZERO);
    assertThat(m.rollbacks()).isEmpty();
  }

  @Test
  void fold_showsARollbackThatLeftWorkForAPerson() {
    RunScript run = new RunScript(PLAN)
        .at(0, 0).started(UNDO)
        .ran("freeze", 0, 0, 5, 0)
        .at(5, 0).event("task.started", "task", "snapshot", "attempt", 1L)
        .at(6, 0).event("task.failed", "task", "snapshot", "attempt", 1L, "phase", "apply",
            "reason", "disk full", "evidence", Map.of())
        .event("rollback.requested", "source", "task", "reason", "task 'snapshot' failed")
        .at(7, 0).event("task.undo.started", "task", "freeze", "kind", "compensate")
        .at(8, 0).event("task.undo.failed", "task", "freeze", "manual", "re-enable writes by hand")
        .event("run.finished", "status", "ROLLBACK_FAILED", "manual", List.of());
    ReportModel m = fold(run);

    assertThat(m.task("freeze").orElseThrow().status()).isEqualTo(ReportTask.Status.UNDO_FAILED);
    assertThat(m.task("snapshot").orElseThrow().status()).isEqualTo(ReportTask.Status.FAILED);
    assertThat(m.rollbacks()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(ReportRollback.Outcome.INCOMPLETE);
      assertThat(r.leftForPerson()).isEqualTo("re-enable writes by hand");
      assertThat(r.undone().get(0).outcome()).isEqualTo(RollbackUndo.Outcome.FAILED);
    });
    assertThat(m.notes()).extracting(ReportNote::text)
        .containsExactly("task 'snapshot' failed in apply: disk full");
  }

  @Test
  void fold_ofARunStillGoingShowsRunningTasks() {
    RunScript run = new RunScript(PLAN).at(0, 0).started(UNDO)
        .at(0, 5).event("task.started", "task", "freeze", "attempt", 1L);
    ReportModel m = fold(run);
    assertThat(m.task("freeze").orElseThrow().status()).isEqualTo(ReportTask.Status.RUNNING);
    assertThat(HtmlReport.render(m)).contains("class=\"bar actual running\"");
  }

  @Test
  void fold_refusesAPlanOtherThanTheRunsOwn() {
    Plan other = Plan.builder("billing-db-cutover")
        .task(dev.cutover.plan.Task.builder("freeze").duration(Duration.ofMinutes(6)).build())
        .build();
    List<RunEntry> entries = RunScript.rolledBack().entries();
    assertThatThrownBy(() -> RunLogFold.fold("run.log", other, entries, OK))
        .isInstanceOf(UnreportableLogException.class)
        .hasMessageContaining("run.log: entry 0: the run was started with plan 'billing-db-cutover'"
            + " of digest " + PLAN.digest())
        .hasMessageContaining("has digest " + other.digest())
        .satisfies(e -> assertThat(((UnreportableLogException) e).seq()).hasValue(0));
  }

  @Test
  void fold_refusesALogWithoutARun() {
    assertThatThrownBy(() -> RunLogFold.fold("x.log", PLAN, List.of(), OK))
        .isInstanceOf(UnreportableLogException.class)
        .hasMessage("x.log: no run.started entry among 0 entries: not the log of a cutover run");
  }

  @Test
  void fold_refusesAnEventForATaskThePlanDoesNotHave() {
    List<RunEntry> entries = new java.util.ArrayList<>(
        new RunScript(PLAN).at(0, 0).started(UNDO).entries());
    entries.add(new RunEntry(1, at(1, 0), "task.started", "engine",
        Map.of("task", "frezee", "attempt", 1L)));
    assertThatThrownBy(() -> RunLogFold.fold("x.log", PLAN, entries, OK))
        .isInstanceOf(UnreportableLogException.class)
        .hasMessageStartingWith("x.log: entry 1: 'task.started' names task 'frezee' which plan "
            + "'billing-db-cutover' does not have (known: freeze, snapshot");
  }

  @Test
  void fold_rendersThroughTheHtmlReport() {
    String html = HtmlReport.render(fold(RunScript.rolledBack()));
    assertThat(html).contains("throttled by &lt;replica&gt;")
        .contains("alice (operator decision)")
        .containsSubsequence("<td>backfill</td><td>restore", "<td>migrate</td><td>inverse",
            "<td>freeze</td><td>compensate");
  }

  /** A successful run of the billing plan, then a drill that rolls it back. */
  private static RunScript drilled(long totalMs, boolean withinRto) {
    return new RunScript(PLAN)
        .at(0, 0).started(UNDO)
        .ran("freeze", 0, 0, 5, 0)
        .ran("snapshot", 5, 0, 20, 0)
        .ran("migrate", 20, 0, 33, 0)
        .ran("warm", 20, 0, 29, 0)
        .ran("backfill", 33, 0, 80, 0)
        .at(81, 0).event("gate.decided", "gate", "go-no-go", "decision", "GO", "reason", "all pass",
            "source", "evaluator", "evidence", Map.of())
        .ran("flip", 81, 1, 86, 0)
        .at(86, 0).event("task.completed", "task", "live", "milestone", true)
        .event("run.finished", "status", "SUCCEEDED")
        .at(90, 0).event("drill.started", "drill-lead", Map.of("target", "staging-eu",
            "reason", "quarterly drill", "rto_ms", 600_000L))
        .event("rollback.requested", "drill-lead", Map.of("source", "operator",
            "reason", "quarterly drill", "authorization", Map.of()))
        .at(90, 1).event("task.undo.started", "task", "flip", "kind", "compensate")
        .at(91, 0).event("task.undo.completed", "task", "flip", "evidence", Map.of(), "verified", true)
        .at(91, 1).event("task.undo.started", "task", "backfill", "kind", "restore")
        .at(97, 0).event("task.undo.completed", "task", "backfill", "snapshot", "s-1",
            "digest", "ab12", "verified", true)
        .at(97, 30).event("run.finished", "status", "ROLLED_BACK", "manual", List.of())
        .event("drill.completed", "drill-lead", Map.of("target", "staging-eu",
            "reason", "quarterly drill", "status", "ROLLED_BACK",
            "tasks", List.of(Map.of("task", "flip", "ms", 59_000L, "undone", true),
                Map.of("task", "backfill", "ms", 359_000L, "undone", true)),
            "total_ms", totalMs, "rto_ms", 600_000L, "within_rto", withinRto));
  }

  @Test
  void fold_derivesADrillFromDrillCompleted_andTheHtmlShowsItPerTaskAndInTotal() {
    ReportModel m = fold(drilled(450_000L, true));

    assertThat(m.drills()).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("staging-eu: quarterly drill");
      assertThat(d.measuredRecovery()).isEqualTo(Duration.ofSeconds(450));
      assertThat(d.rto()).isEqualTo(Duration.ofMinutes(10));
      assertThat(d.recovered()).isTrue();
      assertThat(d.withinRto()).isTrue();
      assertThat(d.tasks()).containsExactly(
          new TaskRecovery("flip", Duration.ofSeconds(59), true),
          new TaskRecovery("backfill", Duration.ofSeconds(359), true));
    });
    assertThat(m.notes()).extracting(ReportNote::kind, ReportNote::text).contains(
        org.assertj.core.groups.Tuple.tuple("drill", "rollback drill on 'staging-eu' started,"
            + " recovery time objective 10m 00s: quarterly drill"));
    assertThat(m.rollbacks()).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(ReportRollback.Outcome.COMPLETED));
    String html = HtmlReport.render(m);
    assertThat(html).contains("<section id=\"drills\">")
        .containsSubsequence("<td>staging-eu: quarterly drill</td>", "7m 30s", "10m 00s",
            "status-completed\">yes", "flip 59s<br>backfill 5m 59s");
  }

  @Test
  void fold_showsADrillOverItsRtoAsOver() {
    ReportModel m = fold(drilled(700_000L, false));
    assertThat(m.drills()).singleElement().satisfies(d -> assertThat(d.withinRto()).isFalse());
    assertThat(HtmlReport.render(m)).contains("status-failed\">no, over")
        .contains("<span class=\"late\">+1m 40s</span>");
  }

  @Test
  void fold_refusesADrillWhoseVerdictContradictsItsNumbers() {
    assertThatThrownBy(() -> fold(drilled(700_000L, true)))
        .isInstanceOf(UnreportableLogException.class)
        .hasMessageContaining("'drill.completed' says within_rto true but its rollback finished"
            + " in 700000 ms against an objective of 600000 ms");
  }
}
