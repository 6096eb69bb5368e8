package dev.cutover.engine.spi;

import java.util.Map;

/**
 * Code that reverses or compensates a task's effect: the body of an {@link Undo#inverse} or an
 * {@link Undo#compensate}. Must be thread-safe.
 */
@FunctionalInterface
public interface UndoAction {
  /**
   * Runs the undo.
   *
   * @param context the task being undone
   * @return evidence for the log; no floating point
   * @throws Exception if the undo failed; the rollback records it
   */
  Map<String, Object> run(TaskContext context) throws Exception;
}
