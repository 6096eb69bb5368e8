package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.engine.spi.RestoreResult;
import dev.cutover.engine.spi.RollbackRequest;
import dev.cutover.engine.spi.SnapshotProvider;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.UndoSnapshot;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.replay.ReplayResult;
import dev.cutover.replay.StateDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Drill events go through the engine's lock, fit only the right run states, and replay. */
class EngineDrillEventsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  private final Set<String> present = ConcurrentHashMap.newKeySet();
  private final AuditLog log = AuditLog.inMemory(CLOCK);

  /** Restores a one-flag scope and reports who restored it, as a snapshot store would. */
  private final SnapshotProvider provider =
      new SnapshotProvider() {
        @Override
        public UndoSnapshot take(String scope) {
          return new UndoSnapshot(scope + "@absent", scope, digest(false));
        }

        @Override
        public String restore(UndoSnapshot snapshot) {
          present.remove(snapshot.scope());
          return digest(present.contains(snapshot.scope()));
        }

        @Override
        public RestoreResult restoreWithEvidence(UndoSnapshot snapshot) {
          return new RestoreResult(
              restore(snapshot), Map.of("principal", "engine", "reason", "drill of " + snapshot.scope()));
        }
      };

  private static String digest(boolean present) {
    return StateDigest.of((present ? "present" : "absent").getBytes(StandardCharsets.UTF_8));
  }

  private TaskAction step(String id) {
    return new TaskAction() {
      @Override
      public Map<String, Object> apply(TaskContext context) {
        present.add(id);
        return Map.of();
      }

      @Override
      public boolean isApplied(TaskContext context) {
        return present.contains(id);
      }

      @Override
      public Undo undo() {
        return Undo.restore(provider, id);
      }
    };
  }

  private Engine engine() {
    Plan plan = Plan.builder("drill")
        .recoveryObjective(Duration.ofMinutes(5))
        .task(Task.builder("a").duration(Duration.ofMinutes(1)).build())
        .task(Task.builder("b").after("a").duration(Duration.ofMinutes(1)).build())
        .build();
    return Engine.builder().plan(plan).log(log).clock(CLOCK)
        .action("a", step("a")).action("b", step("b"))
        .rollbackAuthorizer((request, planDigest, size) -> Optional.empty())
        .build();
  }

  private static Map<String, Object> started() {
    return Map.of("target", "staging", "reason", "quarterly drill", "rto_ms", 300_000);
  }

  private static Map<String, Object> completed() {
    return Map.of("target", "staging", "tasks", List.of(), "total_ms", 0, "rto_ms", 300_000,
        "within_rto", true);
  }

  @Test
  void drillEvents_fitOnlyTheirRunStates_andARefusedOneAppendsNothing() {
    Engine engine = engine();
    assertThatThrownBy(() -> engine.recordDrill("drill.started", "ops", started()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before run.started");
    assertThat(log.size()).isZero();

    assertThat(engine.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    long size = log.size();
    assertThatThrownBy(() -> engine.recordDrill("drill.completed", "ops", completed()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot record 'drill.completed' in the run of plan 'drill': event"
            + " 'drill.completed' while the run is SUCCEEDED (expected one of [ROLLED_BACK,"
            + " ROLLBACK_FAILED])");
    assertThatThrownBy(() -> engine.recordDrill("operator.note", "ops", Map.of("text", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a drill event");
    assertThatThrownBy(() -> engine.recordDrill("drill.started", "ops", Map.of("reason", "no target")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a string member 'target'");
    assertThatThrownBy(() -> engine.recordDrill("drill.started", "ops",
            Map.of("target", "staging", "rto_ms", 1.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("floating point");
    assertThat(log.size()).isEqualTo(size);

    String digestBefore = engine.result().stateDigest();
    long seq = engine.recordDrill("drill.started", "ops", started());
    assertThat(seq).isEqualTo(size);
    assertThat(engine.result().stateDigest()).as("a drill event changes no state").isEqualTo(digestBefore);
    assertThat(engine.requestRollback(new RollbackRequest("ops", "drill", Map.of())).accepted()).isTrue();
    assertThat(engine.run().status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThatThrownBy(() -> engine.recordDrill("drill.started", "ops", started()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("while the run is ROLLED_BACK (expected SUCCEEDED)");
    engine.recordDrill("drill.completed", "ops", completed());

    AuditEntry last = log.entry(log.size() - 1);
    assertThat(last.type()).isEqualTo("drill.completed");
    assertThat(last.actor()).isEqualTo("ops");
    assertThat(last.state()).isPresent();
  }

  @Test
  void logWithDrillEvents_replaysAndResumes() {
    Engine engine = engine();
    engine.run();
    engine.recordDrill("drill.started", "ops", started());
    engine.requestRollback(new RollbackRequest("ops", "drill", Map.of()));
    engine.run();
    engine.recordDrill("drill.completed", "ops", completed());

    ReplayResult<EngineState> replay = engine().replay();
    assertThat(replay.divergence()).isEmpty();
    assertThat(replay.stateOrThrow().status()).isEqualTo(RunStatus.ROLLED_BACK);
    Engine reopened = engine();
    assertThat(reopened.run().status()).as("a finished run is a no-op").isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(reopened.result().stateDigest()).isEqualTo(engine.result().stateDigest());
  }

  @Test
  void restoreEvidence_fromTheProvider_isLoggedWithTheUndo() {
    Engine engine = engine();
    engine.run();
    engine.requestRollback(new RollbackRequest("ops", "drill", Map.of()));
    engine.run();
    List<AuditEntry> undos = log.entries(0, log.size()).stream()
        .filter(e -> e.type().equals("task.undo.completed")).toList();
    assertThat(undos).extracting(e -> e.data().get("task")).containsExactly("b", "a");
    assertThat(undos.get(0).data())
        .containsEntry("restore", Map.of("principal", "engine", "reason", "drill of b"))
        .containsEntry("verified", true)
        .containsEntry("snapshot", "b@absent");
  }
}
