package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.spi.SnapshotProvider;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.UndoSnapshot;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A task retried after a crash in apply keeps the snapshot its first attempt took. */
class SnapshotRetryTest {
  /** Stands for the process dying in the middle of an action. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  private final AtomicReference<String> data = new AtomicReference<>("original");
  private final List<String> snapshots = new ArrayList<>();
  private final AtomicBoolean crashNextApply = new AtomicBoolean(true);

  private final SnapshotProvider provider =
      new SnapshotProvider() {
        @Override
        public UndoSnapshot take(String scope) {
          snapshots.add(data.get());
          return new UndoSnapshot("snap-" + snapshots.size(), scope, digest(data.get()));
        }

        @Override
        public String restore(UndoSnapshot snapshot) {
          int i = Integer.parseInt(snapshot.ref().substring("snap-".length())) - 1;
          data.set(snapshots.get(i));
          return digest(data.get());
        }
      };

  private static String digest(String value) {
    return dev.cutover.replay.StateDigest.of(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private final TaskAction migrate =
      new TaskAction() {
        @Override
        public Map<String, Object> apply(TaskContext context) {
          data.set("half-migrated");
          if (crashNextApply.getAndSet(false)) {
            throw new Crash();
          }
          data.set("migrated");
          return Map.of();
        }

        @Override
        public boolean isApplied(TaskContext context) {
          return data.get().equals("migrated");
        }

        @Override
        public Undo undo() {
          return Undo.restore(provider, "data");
        }
      };

  private final TaskAction boom =
      new TaskAction() {
        @Override
        public Map<String, Object> apply(TaskContext context) {
          throw new IllegalStateException("smoke test failed");
        }

        @Override
        public boolean isApplied(TaskContext context) {
          return false;
        }
      };

  private Engine engine(MemoryRunLog log) {
    Plan plan =
        Plan.builder("retry")
            .task(Task.builder("migrate").action("migrate").duration(Duration.ofMinutes(5)).build())
            .task(Task.builder("smoke").after("migrate").action("smoke")
                .duration(Duration.ofMinutes(1)).build())
            .build();
    return Engine.builder()
        .plan(plan)
        .runLog(log)
        .action("migrate", migrate)
        .action("smoke", boom)
        .build();
  }

  @Test
  void retryAfterCrashInApply_keepsTheFirstSnapshot_soRollbackRestoresTheOriginal() {
    MemoryRunLog log = new MemoryRunLog();
    assertThatThrownBy(() -> engine(log).run()).isInstanceOf(Crash.class);
    assertThat(data.get()).isEqualTo("half-migrated");

    RunResult result = engine(log).run();

    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(snapshots).containsExactly("original");
    assertThat(data.get()).isEqualTo("original");
  }
}
