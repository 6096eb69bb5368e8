package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.gate.GateDecision;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random DAGs with random failures, checked against a reference model of what a run must do:
 * succeed with every step applied once when nothing fails; otherwise roll back, leaving no
 * reversible effect, undoing each task before any task it depends on, and never applying a step
 * whose dependencies did not all complete.
 */
class EnginePropertyTest {
  @Property(tries = 60)
  void randomPlans_runOrRollBackAsTheModelSays(
      @ForAll @IntRange(min = 2, max = 14) int steps,
      @ForAll @IntRange(min = 0, max = 1_000_000) int seed,
      @ForAll @IntRange(min = 1, max = 4) int parallelism) {
    Random r = new Random(seed);
    Plan.Builder pb = Plan.builder("random");
    Map<String, List<String>> deps = new HashMap<>();
    for (int i = 0; i < steps; i++) {
      String id = "t" + i;
      List<String> after = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (r.nextInt(4) == 0) {
          after.add("t" + j);
        }
      }
      deps.put(id, after);
      pb.task(Plans.step(id, after.toArray(String[]::new)));
    }
    boolean withGate = r.nextBoolean();
    GateDecision gateDecision = r.nextInt(3) == 0 ? GateDecision.NO_GO : GateDecision.GO;
    if (withGate) {
      pb.task(Plans.gate("gate", "t" + (steps - 1)));
    }
    World world = new World();
    String failing = r.nextInt(3) == 0 ? "t" + r.nextInt(steps) : null;
    if (failing != null) {
      if (r.nextBoolean()) {
        world.failApply.add(failing);
      } else {
        world.failVerify.add(failing);
      }
    }
    EngineBuilder b = Engine.builder().plan(pb.build()).runLog(new MemoryRunLog()).parallelism(parallelism);
    for (int i = 0; i < steps; i++) {
      String id = "t" + i;
      b.action(id, i % 2 == 0 ? world.inverse(id) : world.restorable(id));
    }
    if (withGate) {
      b.gate("gate", id -> Gates.result(gateDecision, "scripted"));
    }
    RunResult result = b.build().run();

    boolean shouldFail = failing != null || (withGate && gateDecision == GateDecision.NO_GO);
    for (int i = 0; i < steps; i++) {
      String id = "t" + i;
      assertThat(world.applied(id)).isLessThanOrEqualTo(1);
      if (world.applied(id) == 1) {
        for (String d : deps.get(id)) {
          assertThat(world.applied(d)).as("%s ran before its dependency %s", id, d).isEqualTo(1);
        }
      }
    }
    if (!shouldFail) {
      assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
      for (int i = 0; i < steps; i++) {
        assertThat(world.applied("t" + i)).isEqualTo(1);
        assertThat(world.present).contains("t" + i);
      }
      return;
    }
    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(world.present).isEmpty();
    List<String> order = world.undoOrder;
    for (String undone : order) {
      for (String d : deps.get(undone)) {
        if (order.contains(d)) {
          assertThat(order.indexOf(undone)).as("%s undone before its dependency %s", undone, d).isLessThan(order.indexOf(d));
        }
      }
    }
  }
}
