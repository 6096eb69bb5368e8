package dev.cutover.migration;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link MigrationRunner} run did.
 *
 * @param database the database, without secrets
 * @param outcomes one outcome per step, in order
 * @param driftAcceptances the checksum changes accepted in this run (log them)
 */
public record RunReport(
    String database, List<StepOutcome> outcomes, List<DriftAcceptance> driftAcceptances) {
  /** Checks the components. */
  public RunReport {
    Objects.requireNonNull(database, "database");
    outcomes = List.copyOf(outcomes);
    driftAcceptances = List.copyOf(driftAcceptances);
  }

  /** How many steps were applied by this run. */
  public int applied() {
    return count(StepOutcome.Status.APPLIED);
  }

  /** How many steps were already applied and skipped. */
  public int skipped() {
    return count(StepOutcome.Status.SKIPPED);
  }

  /** How many interrupted steps were found applied and recorded. */
  public int resolved() {
    return count(StepOutcome.Status.RESOLVED);
  }

  /** The report as evidence for the audit log. */
  public Map<String, Object> evidence() {
    return Evidence.of(
        "database", database,
        "applied", applied(),
        "skipped", skipped(),
        "resolved", resolved(),
        "driftAccepted", driftAcceptances.size());
  }

  private int count(StepOutcome.Status s) {
    return (int) outcomes.stream().filter(o -> o.status() == s).count();
  }
}
