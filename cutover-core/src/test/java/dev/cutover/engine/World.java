package dev.cutover.engine;

import dev.cutover.engine.spi.Compensation;
import dev.cutover.engine.spi.SnapshotProvider;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.UndoSnapshot;
import dev.cutover.engine.spi.Verification;
import dev.cutover.replay.StateDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test's own world: which effects are present, and how often each was applied, undone or
 * compensated. Actions answer isApplied from here, never from memory of their own.
 */
final class World {
  final Set<String> present = ConcurrentHashMap.newKeySet();
  final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> undone = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> compensated = new ConcurrentHashMap<>();
  final List<String> undoOrder = new CopyOnWriteArrayList<>();
  final Set<String> failApply = ConcurrentHashMap.newKeySet();
  final Set<String> failVerify = ConcurrentHashMap.newKeySet();
  final Set<String> failUndo = ConcurrentHashMap.newKeySet();

  int applied(String id) {
    return applied.getOrDefault(id, new AtomicInteger()).get();
  }

  int undone(String id) {
    return undone.getOrDefault(id, new AtomicInteger()).get();
  }

  int compensations(String id) {
    return compensated.getOrDefault(id, new AtomicInteger()).get();
  }

  /** A step whose undo is an explicit inverse. */
  TaskAction inverse(String id) {
    return new Step(id, Undo.inverse(ctx -> undo(id)));
  }

  /** A step whose undo restores a snapshot of its own scope. */
  TaskAction restorable(String id) {
    return new Step(id, Undo.restore(snapshots, id));
  }

  /** An irreversible step with a compensation. */
  TaskAction compensating(String id) {
    return new Step(
        id,
        Undo.compensate(
            new Compensation() {
              @Override
              public Map<String, Object> run(TaskContext context) {
                compensated.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                present.add("compensation:" + id);
                return Map.of("compensated", id);
              }

              @Override
              public boolean isApplied(TaskContext context) {
                return present.contains("compensation:" + id);
              }
            }));
  }

  /** An irreversible step that no code can undo. */
  TaskAction impossible(String id) {
    return new Step(id, Undo.impossible("call the bank to recall payment batch " + id));
  }

  private Map<String, Object> undo(String id) {
    if (failUndo.contains(id)) {
      throw new IllegalStateException("undo of " + id + " broke");
    }
    undone.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    undoOrder.add(id);
    present.remove(id);
    return Map.of("removed", id);
  }

  final SnapshotProvider snapshots =
      new SnapshotProvider() {
        @Override
        public UndoSnapshot take(String scope) {
          String content = present.contains(scope) ? "present" : "absent";
          return new UndoSnapshot(
              scope + "@" + content, scope, StateDigest.of(content.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String restore(UndoSnapshot snapshot) {
          if (failUndo.contains(snapshot.scope())) {
            present.add(snapshot.scope());
          } else if (snapshot.ref().endsWith("@absent")) {
            if (present.remove(snapshot.scope())) {
              undone.computeIfAbsent(snapshot.scope(), k -> new AtomicInteger()).incrementAndGet();
              undoOrder.add(snapshot.scope());
            }
          } else {
            present.add(snapshot.scope());
          }
          String content = present.contains(snapshot.scope()) ? "present" : "absent";
          return StateDigest.of(content.getBytes(StandardCharsets.UTF_8));
        }
      };

  private final class Step implements TaskAction {
    private final String id;
    private final Undo undo;

    Step(String id, Undo undo) {
      this.id = id;
      this.undo = undo;
    }

    @Override
    public Map<String, Object> apply(TaskContext context) {
      if (failApply.contains(id)) {
        throw new IllegalStateException("apply of " + id + " broke");
      }
      synchronized (World.this) {
        applied.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        present.add(id);
      }
      return Map.of("task", id, "rows", 42L, "attempt", context.attempt());
    }

    @Override
    public boolean isApplied(TaskContext context) {
      return present.contains(id);
    }

    @Override
    public Verification verify(TaskContext context) {
      if (failVerify.contains(id)) {
        return Verification.failed("row count of " + id + " is 41, expected 42", Map.of("rows", 41L));
      }
      return Verification.passed(Map.of("rows", 42L));
    }

    @Override
    public Undo undo() {
      return undo;
    }
  }
}
