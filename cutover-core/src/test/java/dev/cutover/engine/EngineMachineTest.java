package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.replay.Divergence;
import dev.cutover.replay.Invariant;
import dev.cutover.replay.Recorded;
import dev.cutover.replay.ReplayResult;
import dev.cutover.replay.Replayer;
import dev.cutover.replay.StateDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineMachineTest {
  private static final EngineMachine MACHINE = EngineMachine.forPlan("digest-of-the-plan");

  private static EngineEvent event(String type, Map<String, Object> data) {
    return new EngineEvent(type, "engine", data);
  }

  private static EngineEvent started() {
    return event(
        "run.started",
        Map.of(
            "engine", EngineMachine.ENGINE_VERSION,
            "plan", "p",
            "fingerprint", "digest-of-the-plan",
            "tasks",
            List.of(
                Map.of("id", "freeze", "kind", "step", "after", List.of(), "undo", "inverse"),
                Map.of("id", "migrate", "kind", "step", "after", List.of("freeze"), "undo", "inverse"))));
  }

  /** freeze runs, migrate never starts, and the run claims success. */
  private static List<EngineEvent> succeededWithoutMigrate() {
    return List.of(
        started(),
        event("task.started", Map.of("task", "freeze", "attempt", 1)),
        event("task.completed", Map.of("task", "freeze")),
        event("run.finished", Map.of("status", "SUCCEEDED")));
  }

  private static EngineState fold(List<EngineEvent> events) {
    EngineState s = MACHINE.initial();
    for (EngineEvent e : events) {
      s = MACHINE.apply(s, e);
    }
    return s;
  }

  @Test
  void runFinishedSucceeded_whileATaskNeverRan_isRefusedNamingTheTask() {
    List<EngineEvent> events = succeededWithoutMigrate();
    EngineState before = fold(events.subList(0, 3));
    assertThatThrownBy(() -> MACHINE.apply(before, events.get(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("run.finished SUCCEEDED but 1 of 2 tasks did not complete: migrate (PENDING)");
  }

  @Test
  void runFinishedSucceeded_whenEveryTaskCompleted_isAccepted() {
    List<EngineEvent> events = new ArrayList<>(succeededWithoutMigrate());
    events.add(3, event("task.started", Map.of("task", "migrate", "attempt", 1)));
    events.add(4, event("task.completed", Map.of("task", "migrate")));
    assertThat(fold(events).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void invariant_succeededRunHasEveryTaskCompleted_failsForASucceededRunWithAPendingTask() {
    EngineState s = fold(succeededWithoutMigrate().subList(0, 3)).withStatus(RunStatus.SUCCEEDED);
    Invariant<EngineState> invariant =
        MACHINE.invariants().stream()
            .filter(i -> i.name().equals("succeeded-run-has-every-task-completed"))
            .findFirst()
            .orElseThrow();
    assertThat(invariant.holds(s)).isFalse();
    assertThat(invariant.holds(fold(succeededWithoutMigrate().subList(0, 3)))).isTrue();
  }

  @Test
  void replay_ofASucceededRunWhoseTaskNeverRan_divergesAtRunFinished() {
    List<EngineEvent> events = succeededWithoutMigrate();
    List<Recorded<EngineEvent>> recorded = new ArrayList<>();
    EngineState s = MACHINE.initial();
    for (int i = 0; i < events.size() - 1; i++) {
      s = MACHINE.apply(s, events.get(i));
      recorded.add(new Recorded<>(i, events.get(i), StateDigest.of(MACHINE.codec(), s)));
    }
    recorded.add(new Recorded<>(3, events.get(3), "0".repeat(64)));
    ReplayResult<EngineState> result = Replayer.of(MACHINE).replay(recorded);
    Divergence d = result.divergence().orElseThrow();
    assertThat(d.seq()).isEqualTo(3);
    assertThat(d.kind()).isEqualTo(Divergence.Kind.TRANSITION);
    assertThat(d.message()).contains("migrate (PENDING)");
  }

  @Test
  void replay_ofAnEntryWithoutItsStateDigest_divergesAtThatSeq() {
    List<EngineEvent> events = succeededWithoutMigrate();
    List<Recorded<EngineEvent>> recorded = new ArrayList<>();
    EngineState s = MACHINE.initial();
    for (int i = 0; i < 3; i++) {
      s = MACHINE.apply(s, events.get(i));
      recorded.add(new Recorded<>(i, events.get(i), i == 1 ? null : StateDigest.of(MACHINE.codec(), s)));
    }
    Divergence d = Replayer.of(MACHINE).replay(recorded).divergence().orElseThrow();
    assertThat(d.seq()).isEqualTo(1);
    assertThat(d.kind()).isEqualTo(Divergence.Kind.STATE_DIGEST);
    assertThat(d.expected()).isNull();
    assertThat(d.message()).isEqualTo(
        "the entry at seq 1 carries no state digest, but every entry of this log must record one");
  }
}
