package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.engine.EngineState;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.TaskState;
import dev.cutover.engine.TaskStatus;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Random runs of the billing plan, each event checked by the engine's own state machine, which is
 * the reference model: the report's status of every task must agree with the engine's, and the
 * rollback must list exactly the tasks the engine undid.
 */
class RunLogFoldPropertyTest {
  private static final Plan PLAN = RunScript.billingPlan();

  @Property(tries = 200)
  void fold_agreesWithTheEnginesStateMachine(@ForAll long seed) {
    Random random = new Random(seed);
    RunScript run = new RunScript(PLAN).at(0, 0).started(RunScript.BILLING_UNDO);
    int minute = 0;
    List<String> completedSteps = new ArrayList<>();
    boolean rollback = false;
    int steps = 1 + random.nextInt(20);
    for (int i = 0; i < steps && !rollback; i++) {
      EngineState s = run.state();
      List<Task> ready = new ArrayList<>();
      for (Task t : PLAN.tasks()) {
        TaskStatus status = s.tasks().get(t.id()).status();
        boolean depsDone = t.after().stream()
            .allMatch(d -> s.tasks().get(d).status() == TaskStatus.COMPLETED);
        if ((status == TaskStatus.PENDING || status == TaskStatus.STARTED) && depsDone) {
          ready.add(t);
        }
      }
      if (ready.isEmpty()) {
        run.at(minute += 1, 0).event("run.finished", "status", "SUCCEEDED");
        break;
      }
      Task t = ready.get(random.nextInt(ready.size()));
      String id = t.id();
      int roll = random.nextInt(10);
      if (t.kind() == TaskKind.MILESTONE) {
        run.at(minute += 1, 0).event("task.completed", "task", id, "milestone", true);
      } else if (t.kind() == TaskKind.GATE) {
        String decision = roll < 2 ? "NO_GO" : roll < 4 ? "HOLD" : "GO";
        if (s.tasks().get(id).status() != TaskStatus.PENDING) {
          continue;
        }
        run.at(minute += 1, 0).event("gate.decided", "gate", id, "decision", decision,
            "reason", "r", "source", "evaluator", "evidence", Map.of());
        if (decision.equals("HOLD")) {
          run.at(minute += 1, 0).event("gate.decided", "gate", id, "decision", "GO",
              "reason", "r", "source", "evaluator", "evidence", Map.of());
        }
        rollback = decision.equals("NO_GO");
      } else if (s.tasks().get(id).status() == TaskStatus.PENDING) {
        run.at(minute += 1, 0).event("task.started", "task", id, "attempt", 1L);
      } else if (roll < 2) {
        run.at(minute += 1, 0).event("task.failed", "task", id, "attempt", 1L, "phase", "apply",
            "reason", "boom", "evidence", Map.of());
        rollback = true;
      } else {
        run.at(minute += 1, 0).event("task.completed", "task", id, "attempt", 1L,
            "evidence", Map.of(), "verification", Map.of(), "millis", 1L);
        if (RunScript.BILLING_UNDO.containsKey(id)) {
          completedSteps.add(id);
        }
      }
    }
    List<String> undone = new ArrayList<>();
    if (rollback) {
      run.at(minute += 1, 0).event("rollback.requested", "source", "gate", "reason", "no go");
      boolean failed = false;
      for (int i = completedSteps.size() - 1; i >= 0 && !failed; i--) {
        String id = completedSteps.get(i);
        run.at(minute += 1, 0).event("task.undo.started", "task", id,
            "kind", RunScript.BILLING_UNDO.get(id));
        if (random.nextInt(8) == 0) {
          run.at(minute += 1, 0).event("task.undo.failed", "task", id, "manual", "by hand");
          failed = true;
        } else {
          run.at(minute += 1, 0).event("task.undo.completed", "task", id, "verified", true);
          undone.add(id);
        }
      }
      run.at(minute += 1, 0).event("run.finished",
          "status", failed ? "ROLLBACK_FAILED" : "ROLLED_BACK", "manual", List.of());
    }

    Statistics.collect(run.state().status());
    ReportModel m = RunLogFold.fold("p.log", PLAN, run.entries(),
        ReportVerification.verified(run.entries().size(), ReportFixtures.ROOT));

    for (TaskState expected : run.state().tasks().values()) {
      assertThat(m.task(expected.id()).orElseThrow().status()).as(expected.id())
          .isEqualTo(switch (expected.status()) {
            case PENDING -> ReportTask.Status.PENDING;
            case STARTED, HELD -> ReportTask.Status.RUNNING;
            case COMPLETED -> ReportTask.Status.COMPLETED;
            case FAILED -> ReportTask.Status.FAILED;
            case UNDONE, COMPENSATED -> ReportTask.Status.ROLLED_BACK;
            case UNDO_FAILED -> ReportTask.Status.UNDO_FAILED;
            case UNDOING -> throw new AssertionError("the script never ends inside an undo");
          });
    }
    assertThat(m.rollbacks()).hasSize(rollback ? 1 : 0);
    if (rollback) {
      ReportRollback r = m.rollbacks().get(0);
      assertThat(r.undone().stream().filter(u -> u.outcome() == RollbackUndo.Outcome.UNDONE)
          .map(RollbackUndo::taskId)).containsExactlyElementsOf(undone);
      assertThat(r.outcome()).isEqualTo(run.state().status() == RunStatus.ROLLED_BACK
          ? ReportRollback.Outcome.COMPLETED : ReportRollback.Outcome.INCOMPLETE);
    }
    String html = HtmlReport.render(m);
    assertThat(html.split("<g class=\"task", -1)).hasSize(PLAN.size() + 1);
  }
}
