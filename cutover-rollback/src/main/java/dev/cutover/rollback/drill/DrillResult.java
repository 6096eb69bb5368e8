package dev.cutover.rollback.drill;

import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.LogPosition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rollback drill measured, and where the log holds it. Immutable.
 *
 * @param target the drill's target, e.g. {@code staging-eu}
 * @param status how the rollback ended: {@link RunStatus#ROLLED_BACK} or {@link
 *     RunStatus#ROLLBACK_FAILED}
 * @param tasks the recovery time of each task the rollback undid, in the order they were undone
 * @param total from {@code rollback.requested} to {@code run.finished}, by the log's times
 * @param rto the recovery time objective the drill was measured against
 * @param withinRto whether the rollback finished ({@code ROLLED_BACK}) within the objective
 * @param started the {@code drill.started} entry
 * @param rollbackRequested the {@code rollback.requested} entry of the drill's rollback
 * @param rollbackFinished the {@code run.finished} entry that ended it
 * @param recorded the {@code drill.completed} entry that records this result
 */
public record DrillResult(
    String target,
    RunStatus status,
    List<TaskRecoveryTime> tasks,
    Duration total,
    Duration rto,
    boolean withinRto,
    LogPosition started,
    LogPosition rollbackRequested,
    LogPosition rollbackFinished,
    LogPosition recorded) {
  /**
   * Checks the components and copies the tasks.
   *
   * @throws NullPointerException if a component is null
   */
  public DrillResult {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(status, "status");
    tasks = List.copyOf(tasks);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(rto, "rto");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(rollbackRequested, "rollbackRequested");
    Objects.requireNonNull(rollbackFinished, "rollbackFinished");
    Objects.requireNonNull(recorded, "recorded");
  }

  /**
   * The recovery time per task, in the order the tasks were undone.
   *
   * @return an unmodifiable map from task id to recovery time
   */
  public Map<String, Duration> perTask() {
    Map<String, Duration> m = new LinkedHashMap<>();
    for (TaskRecoveryTime t : tasks) {
      m.put(t.task(), t.recovery());
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * How much of the objective was left: the RTO minus the total, negative when over.
   *
   * @return the margin
   */
  public Duration margin() {
    return rto.minus(total);
  }
}
