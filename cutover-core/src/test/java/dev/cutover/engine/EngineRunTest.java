package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.plan.Plan;
import dev.cutover.replay.DefinitionMismatchException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineRunTest {
  private final World world = new World();
  private final MemoryRunLog log = new MemoryRunLog();

  private EngineBuilder builder() {
    return Plans.bind(Engine.builder().plan(Plans.twenty()).runLog(log), world)
        .gate("g1", id -> Gates.result(GateDecision.GO, "error rate 0 per mille"))
        .gate("g2", id -> Gates.result(GateDecision.GO, "checks pass"));
  }

  @Test
  void run_appliesEveryStepOnceAndSucceeds() {
    RunResult result = builder().build().run();

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.tasks().values()).containsOnly(TaskStatus.COMPLETED);
    for (int i = 1; i <= 17; i++) {
      assertThat(world.applied(String.format("s%02d", i))).isEqualTo(1);
    }
    assertThat(result.pointsOfNoReturn()).containsExactly("s15");
    assertThat(log.entries().get(0).event().type()).isEqualTo("run.started");
    assertThat(log.entries().get(log.entries().size() - 1).event().data()).containsEntry("status", "SUCCEEDED");
  }

  @Test
  void run_logsTaskStartedBeforeTheActionRuns() {
    List<String> seen = new java.util.ArrayList<>();
    Engine engine =
        builder()
            .listener(
                new EngineListener() {
                  @Override
                  public void beforeAction(String taskId, int attempt) {
                    List<RunLog.Logged> entries = log.entries();
                    RunLog.Logged last = entries.get(entries.size() - 1);
                    seen.add(last.event().type() + ":" + last.event().data().get("task"));
                  }
                })
            .build();
    engine.run();
    assertThat(seen).hasSize(17);
    for (String s : seen) {
      assertThat(s).matches("(task\\.started|snapshot\\.taken):s\\d\\d");
    }
  }

  @Test
  void run_onFinishedRun_isANoOp() {
    builder().build().run();
    int size = log.entries().size();
    RunResult again = builder().build().run();
    assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(log.entries()).hasSize(size);
    assertThat(world.applied("s01")).isEqualTo(1);
  }

  @Test
  void run_recordsEvidenceAndStateDigestOnEveryEntry() {
    RunResult result = builder().build().run();
    List<RunLog.Logged> entries = log.entries();
    assertThat(entries).allSatisfy(e -> assertThat(e.state()).hasSize(64));
    assertThat(entries.get(entries.size() - 1).state()).isEqualTo(result.stateDigest());
    RunLog.Logged completed =
        entries.stream().filter(e -> e.event().type().equals("task.completed")).findFirst().orElseThrow();
    assertThat(completed.event().data().get("evidence")).isEqualTo(Map.of("task", "s01", "rows", 42L, "attempt", 1L));
  }

  @Test
  void replay_rebuildsTheExactState() {
    Engine engine = builder().build();
    RunResult result = engine.run();
    var replay = engine.replay();
    assertThat(replay.consistent()).isTrue();
    assertThat(replay.digest()).isEqualTo(result.stateDigest());
    assertThat(replay.state().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void run_underAnotherPlan_isRefused() {
    builder().build().run();
    Plan other = Plan.builder("cutover-20").task(Plans.step("s01")).build();
    Engine engine = Engine.builder().plan(other).runLog(log).action("s01", world.inverse("s01")).build();
    assertThatThrownBy(engine::run)
        .isInstanceOf(DefinitionMismatchException.class)
        .hasMessageContaining("refusing to replay under a different definition");
  }

  @Test
  void run_runsIndependentTasksInParallel() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    TaskAction meet =
        new TaskAction() {
          @Override
          public Map<String, Object> apply(TaskContext context) throws Exception {
            both.countDown();
            return Map.of("met", both.await(10, TimeUnit.SECONDS));
          }

          @Override
          public boolean isApplied(TaskContext context) {
            return false;
          }
        };
    Plan plan = Plan.builder("pair").task(Plans.step("a")).task(Plans.step("b")).build();
    RunResult result =
        Engine.builder().plan(plan).runLog(log).parallelism(2).action("a", meet).action("b", meet).build().run();
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(log.entries().stream().filter(e -> e.event().type().equals("task.completed")))
        .allSatisfy(e -> assertThat(e.event().data().get("evidence")).isEqualTo(Map.of("met", true)));
  }

  @Test
  void run_refusesFloatingPointEvidence_andRollsBack() {
    Plan plan = Plan.builder("floaty").task(Plans.step("a")).build();
    TaskAction floaty =
        new TaskAction() {
          @Override
          public Map<String, Object> apply(TaskContext context) {
            return Map.of("ratio", 0.5);
          }

          @Override
          public boolean isApplied(TaskContext context) {
            return false;
          }
        };
    RunResult result = Engine.builder().plan(plan).runLog(log).action("a", floaty).build().run();
    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(result.rollbackReason()).contains("floating point number 0.5");
  }

  @Test
  void build_refusesAStepWithoutAction() {
    assertThatThrownBy(() -> Engine.builder().plan(Plans.twenty()).runLog(log).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step 's01' has no action bound to 's01'");
  }

  @Test
  void build_refusesReversibleUndoOnAnIrreversibleTask() {
    EngineBuilder b = Engine.builder().plan(Plans.twenty()).runLog(log);
    for (int i = 1; i <= 17; i++) {
      String id = String.format("s%02d", i);
      b.action(id, world.inverse(id));
    }
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task 's15' is irreversible in the plan but its action undoes by inverse");
  }

  @Test
  void builder_checksArguments() {
    EngineBuilder b = Engine.builder();
    assertThatThrownBy(() -> b.parallelism(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.plan(null)).isInstanceOf(NullPointerException.class).hasMessage("plan");
    b.parallelism(2);
    assertThatThrownBy(() -> b.parallelism(3)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("plan is required");
  }
}
