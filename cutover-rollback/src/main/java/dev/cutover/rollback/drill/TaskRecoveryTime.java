package dev.cutover.rollback.drill;

import java.time.Duration;
import java.util.Objects;

/**
 * How long undoing one task took in a drill: from its {@code task.undo.started} (or {@code
 * task.undo.resolved}, when a resumed rollback picked it up) to its {@code task.undo.completed} or
 * {@code task.undo.failed}, by the log's times. Immutable.
 *
 * @param task the task's id
 * @param recovery how long its undo took
 * @param undone true if it was undone, false if its undo failed
 */
public record TaskRecoveryTime(String task, Duration recovery, boolean undone) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the task is blank or the duration negative
   */
  public TaskRecoveryTime {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(recovery, "recovery");
    if (task.isBlank()) {
      throw new IllegalArgumentException("task must not be blank");
    }
    if (recovery.isNegative()) {
      throw new IllegalArgumentException(
          "recovery of task '" + task + "' must not be negative, got " + recovery);
    }
  }
}
