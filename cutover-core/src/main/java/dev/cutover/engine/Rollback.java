package dev.cutover.engine;

import dev.cutover.engine.spi.Compensation;
import dev.cutover.engine.spi.RestoreResult;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.UndoSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Undoes completed (and failed but applied) tasks in reverse dependency order, verifying each
 * undo, and ends the run ROLLED_BACK or ROLLBACK_FAILED with what a person must still do. Stops at
 * the first undo that fails, since undoing what an unfinished undo depends on could make things
 * worse. Resumable: a task whose undo was started but not finished is resolved first.
 */
final class Rollback {
  private final EngineCore core;
  private final EngineConfig config;

  Rollback(EngineCore core) {
    this.core = core;
    this.config = core.config;
  }

  void run() {
    List<PlanView.Task> order = new ArrayList<>(config.plan().tasks());
    java.util.Collections.reverse(order);
    boolean failed =
        core.state().tasks().values().stream().anyMatch(t -> t.status() == TaskStatus.UNDO_FAILED);
    List<String> remaining = new ArrayList<>();
    for (PlanView.Task task : order) {
      TaskState t = core.state().tasks().get(task.id());
      if (!mayNeedUndo(t)) {
        continue;
      }
      if (failed) {
        remaining.add(
            "undo task '" + t.id() + "' (" + t.undo() + ", status " + t.status()
                + ") by hand: the rollback stopped before reaching it");
        continue;
      }
      failed = !undo(t);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", (failed ? RunStatus.ROLLBACK_FAILED : RunStatus.ROLLED_BACK).name());
    data.put("manual", remaining);
    core.append("run.finished", config.actor(), data);
  }

  private static boolean mayNeedUndo(TaskState t) {
    return t.kind().equals("step")
        && !t.undo().equals("not-needed")
        && (t.status() == TaskStatus.COMPLETED
            || t.status() == TaskStatus.FAILED
            || t.status() == TaskStatus.UNDOING);
  }

  /** Undoes one task; returns false if a person must now act. */
  private boolean undo(TaskState t) {
    String id = t.id();
    TaskAction action = config.actions().get(id);
    TaskContext ctx = core.context(id, core.attempts(id));
    Undo undo = action.undo();
    boolean resumed = t.status() == TaskStatus.UNDOING;
    try {
      if (t.status() == TaskStatus.FAILED) {
        boolean present =
            undo instanceof Undo.Restore ? core.snapshot(id) != null : action.isApplied(ctx);
        if (!present) {
          return true;
        }
      }
      if (undo instanceof Undo.Restore) {
        return restore(id, (Undo.Restore) undo, resumed);
      }
      if (undo instanceof Undo.Inverse) {
        return inverse(id, action, ctx, (Undo.Inverse) undo, resumed);
      }
      if (undo instanceof Undo.Compensate) {
        return compensate(id, ctx, ((Undo.Compensate) undo).compensation(), resumed);
      }
      String instruction = ((Undo.Impossible) undo).instruction();
      failed(id, "task '" + id + "' is irreversible and has no compensation: " + instruction);
      return false;
    } catch (EngineException e) {
      throw e;
    } catch (Exception e) {
      failed(id, "undo of task '" + id + "' (" + undo.kind() + ") failed: " + e + "; undo it by hand");
      return false;
    }
  }

  private boolean restore(String id, Undo.Restore restore, boolean resumed) throws Exception {
    UndoSnapshot snap = core.snapshot(id);
    if (snap == null) {
      failed(id, "task '" + id + "' has no snapshot in the log: restore scope '" + restore.scope() + "' by hand");
      return false;
    }
    if (resumed) {
      resolved(id, "restoring again (restore is idempotent)");
    } else {
      started(id, "restore");
    }
    RestoreResult restored = restore.provider().restoreWithEvidence(snap);
    if (restored == null) {
      throw new NullPointerException("snapshot provider " + restore.provider() + " returned no result");
    }
    String digest = restored.digest();
    if (!snap.digest().equals(digest)) {
      failed(
          id,
          "scope '" + snap.scope() + "' of task '" + id + "' restored to digest " + digest
              + " but snapshot '" + snap.ref() + "' has " + snap.digest()
              + ": restore it by hand and check the content");
      return false;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("snapshot", snap.ref());
    data.put("digest", digest);
    data.put("verified", true);
    if (!restored.evidence().isEmpty()) {
      data.put("restore", restored.evidence());
    }
    completed(id, data);
    return true;
  }

  private boolean inverse(
      String id, TaskAction action, TaskContext ctx, Undo.Inverse inverse, boolean resumed)
      throws Exception {
    if (resumed) {
      if (!action.isApplied(ctx)) {
        resolved(id, "found undone");
        completed(id, Map.of("resolution", "found undone", "verified", true));
        return true;
      }
      resolved(id, "not undone, running the inverse again");
    } else {
      started(id, "inverse");
    }
    Map<String, Object> evidence = inverse.action().run(ctx);
    if (action.isApplied(ctx)) {
      failed(id, "the inverse of task '" + id + "' ran but its effect is still present: undo it by hand");
      return false;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("evidence", evidence == null ? Map.of() : evidence);
    data.put("verified", true);
    completed(id, data);
    return true;
  }

  private boolean compensate(String id, TaskContext ctx, Compensation compensation, boolean resumed)
      throws Exception {
    if (resumed) {
      if (compensation.isApplied(ctx)) {
        resolved(id, "found compensated");
        completed(id, Map.of("resolution", "found compensated", "verified", true));
        return true;
      }
      resolved(id, "not compensated, running the compensation again");
    } else {
      started(id, "compensate");
    }
    Map<String, Object> evidence = compensation.run(ctx);
    if (!compensation.isApplied(ctx)) {
      failed(id, "the compensation of task '" + id + "' ran but reports it is not applied: compensate by hand");
      return false;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("evidence", evidence == null ? Map.of() : evidence);
    data.put("verified", true);
    completed(id, data);
    return true;
  }

  private void started(String id, String kind) {
    core.append("task.undo.started", config.actor(), Map.of("task", id, "kind", kind));
  }

  private void resolved(String id, String resolution) {
    core.append("task.undo.resolved", config.actor(), Map.of("task", id, "resolution", resolution));
  }

  private void completed(String id, Map<String, Object> evidence) {
    Map<String, Object> data = new LinkedHashMap<>(evidence);
    data.put("task", id);
    core.append("task.undo.completed", config.actor(), data);
  }

  private void failed(String id, String manual) {
    core.append("task.undo.failed", config.actor(), Map.of("task", id, "manual", manual));
  }
}
