package dev.cutover.report;

import java.time.Duration;
import java.util.List;

/**
 * A rollback drill: the recovery time it measured, in total and per task, against the plan's
 * recovery time objective. Immutable and thread-safe.
 *
 * @param name the drill, e.g. its target and reason
 * @param measuredRecovery how long the recovery took, from the rollback request to the end of the
 *     rollback
 * @param rto the recovery time objective of the plan
 * @param tasks the recovery time of each task the rollback undid, in the order they were undone;
 *     may be empty
 * @param recovered whether the rollback finished (rolled back), rather than leaving work for a
 *     person
 */
public record RecoveryDrill(
    String name, Duration measuredRecovery, Duration rto, List<TaskRecovery> tasks, boolean recovered) {

  /**
   * Checks the drill and copies the tasks.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if the name is blank or a duration is negative
   */
  public RecoveryDrill {
    Checks.text(name, "name");
    Checks.nonNegative(measuredRecovery, "measuredRecovery");
    Checks.nonNegative(rto, "rto");
    tasks = List.copyOf(tasks);
  }

  /**
   * A drill that recovered, without per-task times.
   *
   * @param name the drill
   * @param measuredRecovery how long the recovery took
   * @param rto the recovery time objective of the plan
   */
  public RecoveryDrill(String name, Duration measuredRecovery, Duration rto) {
    this(name, measuredRecovery, rto, List.of(), true);
  }

  /**
   * Whether the drill recovered within the objective.
   *
   * @return true if the rollback finished and the measured recovery is at most the RTO
   */
  public boolean withinRto() {
    return recovered && measuredRecovery.compareTo(rto) <= 0;
  }
}
