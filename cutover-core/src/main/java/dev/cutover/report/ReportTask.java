package dev.cutover.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One task of a cutover as the report shows it: where the plan put it and when it really ran.
 *
 * <p>Planned times are offsets from the model's {@linkplain ReportModel#plannedStart() planned
 * start}, as the critical path method computes them (earliest start and finish). Actual times are
 * the instants the log recorded. Immutable and thread-safe.
 *
 * @param id the task id from the plan
 * @param name a human name, or the id when the plan gives none
 * @param owner who owns the task, or an empty string
 * @param kind whether the task is a step, a gate or a milestone
 * @param plannedStart planned start as an offset from the planned start of the cutover
 * @param plannedFinish planned finish as an offset, not before {@code plannedStart}
 * @param actualStart when the task started, empty if it never did
 * @param actualFinish when the task finished (completed or failed), empty if it did not
 * @param critical whether the task is on a critical path of the plan
 * @param irreversible whether the task cannot be undone, so that starting it is a point of no
 *     return
 * @param status how the task ended, or where it stands
 */
public record ReportTask(
    String id,
    String name,
    String owner,
    Kind kind,
    Duration plannedStart,
    Duration plannedFinish,
    Optional<Instant> actualStart,
    Optional<Instant> actualFinish,
    boolean critical,
    boolean irreversible,
    Status status) {

  /** What a task is in the plan. */
  public enum Kind {
    /** A step that changes something. */
    STEP,
    /** A go/no-go gate. */
    GATE,
    /** A milestone that marks a point in time and does nothing. */
    MILESTONE
  }

  /** Where a task stands at the end of the log. */
  public enum Status {
    /** Never started. */
    PENDING,
    /** Started and not finished when the log ends. */
    RUNNING,
    /** Finished and verified. */
    COMPLETED,
    /** Its action or its verification failed. */
    FAILED,
    /** Completed, then undone (or compensated) by a rollback. */
    ROLLED_BACK,
    /** A rollback could not undo it: its effect may still be present and a person must act. */
    UNDO_FAILED
  }

  /**
   * Checks the task.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if the id or name is blank, a planned offset is negative, the
   *     planned finish is before the planned start, the actual finish is before the actual start or
   *     present without it, or the status contradicts the actual times
   */
  public ReportTask {
    Checks.text(id, "id");
    Checks.text(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(kind, "kind");
    Checks.nonNegative(plannedStart, "plannedStart");
    Checks.nonNegative(plannedFinish, "plannedFinish");
    Objects.requireNonNull(actualStart, "actualStart");
    Objects.requireNonNull(actualFinish, "actualFinish");
    Objects.requireNonNull(status, "status");
    if (plannedFinish.compareTo(plannedStart) < 0) {
      throw new IllegalArgumentException(
          "task '" + id + "' is planned to finish at " + plannedFinish + " before it starts at "
              + plannedStart);
    }
    if (actualFinish.isPresent() && actualStart.isEmpty()) {
      throw new IllegalArgumentException("task '" + id + "' has a finish but no start");
    }
    if (actualFinish.isPresent() && actualFinish.get().isBefore(actualStart.get())) {
      throw new IllegalArgumentException(
          "task '" + id + "' finished at " + actualFinish.get() + " before it started at "
              + actualStart.get());
    }
    if (status == Status.PENDING && actualStart.isPresent()) {
      throw new IllegalArgumentException("task '" + id + "' is pending but has a start time");
    }
    if (status != Status.PENDING && actualStart.isEmpty()) {
      throw new IllegalArgumentException(
          "task '" + id + "' is " + status.name().toLowerCase(java.util.Locale.ROOT)
              + " but has no start time");
    }
  }

  /**
   * The planned duration.
   *
   * @return planned finish minus planned start
   */
  public Duration plannedDuration() {
    return plannedFinish.minus(plannedStart);
  }

  /**
   * The actual duration, when the task both started and finished.
   *
   * @return actual finish minus actual start, or empty
   */
  public Optional<Duration> actualDuration() {
    return actualFinish.map(f -> Duration.between(actualStart.orElseThrow(), f));
  }

  /**
   * How much longer (positive) or shorter (negative) the task took than planned.
   *
   * @return actual duration minus planned duration, or empty if the task did not finish
   */
  public Optional<Duration> durationVariance() {
    return actualDuration().map(a -> a.minus(plannedDuration()));
  }
}
