package dev.cutover.report;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One task undone (or not) during a rollback. Immutable and thread-safe.
 *
 * @param taskId the task being undone
 * @param method how: {@code restore}, {@code inverse} or {@code compensate}, as the log says
 * @param outcome whether it was undone
 * @param at when the outcome was logged, empty if it was not
 * @param detail evidence (e.g. the verified digest) or what is left for a person; may be empty
 */
public record RollbackUndo(
    String taskId, String method, Outcome outcome, Optional<Instant> at, String detail) {

  /** The outcome of undoing one task. */
  public enum Outcome {
    /** Undone and verified. */
    UNDONE,
    /** Undoing it failed. */
    FAILED,
    /** Left for a person to undo. */
    MANUAL,
    /** Started and not finished when the log ends. */
    IN_PROGRESS
  }

  /**
   * Checks the step.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if the task id or method is blank
   */
  public RollbackUndo {
    Checks.text(taskId, "taskId");
    Checks.text(method, "method");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(detail, "detail");
  }
}
