package dev.cutover.migration;

import java.util.List;
import java.util.Objects;

/**
 * What {@link MigrationRunner#validate(List)} found when it compared a list of steps with the
 * ledger, without applying anything.
 *
 * @param database the database, described without its password
 * @param applied ids of steps recorded as applied with the checksum they have now
 * @param pending ids of steps the ledger does not know yet (a run would apply them)
 * @param drifted steps recorded as applied whose definition changed since
 * @param unfinished ids of steps recorded as started or failed (a run resolves them with {@code
 *     isApplied})
 * @param unknown ids in the ledger that none of the given steps has (removed, renamed, or applied
 *     by another application sharing the ledger)
 */
public record ValidationReport(
    String database,
    List<String> applied,
    List<String> pending,
    List<ChecksumDrift> drifted,
    List<String> unfinished,
    List<String> unknown) {

  /**
   * A step whose checksum differs from the one recorded when it was applied.
   *
   * @param stepId the step
   * @param recorded the checksum in the ledger
   * @param current the checksum of the step's definition now
   */
  public record ChecksumDrift(String stepId, String recorded, String current) {
    /** Checks that no argument is null. */
    public ChecksumDrift {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(recorded, "recorded");
      Objects.requireNonNull(current, "current");
    }
  }

  /** Checks the arguments and copies the lists. */
  public ValidationReport {
    Objects.requireNonNull(database, "database");
    applied = List.copyOf(applied);
    pending = List.copyOf(pending);
    drifted = List.copyOf(drifted);
    unfinished = List.copyOf(unfinished);
    unknown = List.copyOf(unknown);
  }

  /**
   * True when no applied step drifted: a run would apply the pending steps and resolve the
   * unfinished ones. Pending, unfinished and unknown steps do not make a ledger invalid.
   *
   * @return whether every applied step still has its recorded checksum
   */
  public boolean valid() {
    return drifted.isEmpty();
  }

  /**
   * Throws when an applied step drifted.
   *
   * @return this report, when valid
   * @throws ChecksumDriftException for the first drifted step, with both checksums
   */
  public ValidationReport requireValid() {
    if (!drifted.isEmpty()) {
      ChecksumDrift d = drifted.get(0);
      throw new ChecksumDriftException(d.stepId(), d.recorded(), d.current());
    }
    return this;
  }
}
