package dev.cutover.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rollback: what started it, the order in which tasks were undone, and how it ended. Immutable
 * and thread-safe.
 *
 * @param startedAt when the rollback started
 * @param finishedAt when it reached its terminal state, empty if it had not when the log ends
 * @param trigger what started it (a failed gate, a failed verification, a trigger, an operator)
 * @param actor who or what started it
 * @param undone the tasks in the order they were undone
 * @param outcome how the rollback ended
 * @param leftForPerson what a person must still do when the rollback is incomplete; may be empty
 */
public record ReportRollback(
    Instant startedAt,
    Optional<Instant> finishedAt,
    String trigger,
    String actor,
    List<RollbackUndo> undone,
    Outcome outcome,
    String leftForPerson) {

  /** The terminal state of a rollback. */
  public enum Outcome {
    /** Every completed task was undone and verified. */
    COMPLETED,
    /** It ended with work left for a person. */
    INCOMPLETE,
    /** Still running when the log ends. */
    RUNNING
  }

  /**
   * Checks the rollback and copies its list.
   *
   * @throws NullPointerException if any argument or element is null
   * @throws IllegalArgumentException if the trigger or actor is blank, it finished before it
   *     started, or a running rollback has a finish time (or a finished one has none)
   */
  public ReportRollback {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Checks.text(trigger, "trigger");
    Checks.text(actor, "actor");
    undone = List.copyOf(undone);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(leftForPerson, "leftForPerson");
    if (finishedAt.isPresent() && finishedAt.get().isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "rollback finished at " + finishedAt.get() + " before it started at " + startedAt);
    }
    if ((outcome == Outcome.RUNNING) != finishedAt.isEmpty()) {
      throw new IllegalArgumentException(
          "a rollback has a finish time exactly when it is no longer running, outcome " + outcome
              + ", finish " + finishedAt.map(Instant::toString).orElse("none"));
    }
  }
}
