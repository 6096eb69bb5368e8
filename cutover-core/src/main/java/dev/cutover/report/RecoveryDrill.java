package dev.cutover.report;

/**
 * A rollback drill: the recovery time it measured against the plan's recovery time objective.
 * Immutable and thread-safe.
 *
 * @param name the drill
 * @param measuredRecovery how long the recovery took
 * @param rto the recovery time objective of the plan
 */
public record RecoveryDrill(String name, java.time.Duration measuredRecovery, java.time.Duration rto) {

  /**
   * Checks the drill.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if the name is blank or a duration is negative
   */
  public RecoveryDrill {
    Checks.text(name, "name");
    Checks.nonNegative(measuredRecovery, "measuredRecovery");
    Checks.nonNegative(rto, "rto");
  }

  /**
   * Whether the drill recovered within the objective.
   *
   * @return true if the measured recovery is at most the RTO
   */
  public boolean withinRto() {
    return measuredRecovery.compareTo(rto) <= 0;
  }
}
