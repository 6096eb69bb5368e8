package dev.cutover.report;

/**
 * How long undoing one task took in a rollback drill: from {@code task.undo.started} to its
 * outcome. Immutable and thread-safe.
 *
 * @param taskId the task
 * @param recovery how long its undo took
 * @param undone whether it was undone (false: its undo failed)
 */
public record TaskRecovery(String taskId, java.time.Duration recovery, boolean undone) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the task id is blank or the duration negative
   */
  public TaskRecovery {
    Checks.text(taskId, "taskId");
    Checks.nonNegative(recovery, "recovery");
  }
}
