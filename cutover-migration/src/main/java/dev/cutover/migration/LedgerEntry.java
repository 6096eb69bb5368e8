package dev.cutover.migration;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the ledger: a step as the database recorded it.
 *
 * @param stepId the step's id
 * @param checksum the checksum of the step's definition when it was recorded
 * @param state applied, or started/failed for a non-transactional step in doubt
 * @param transactional whether the effect committed together with this row
 * @param cutoverId the cutover that applied it
 * @param audit the audit entry that recorded it, if the caller passed one
 * @param appliedBy who applied it
 * @param appliedAt when it was recorded (the runner's clock)
 * @param durationMillis how long applying took
 * @param detail a note: a resolution, an accepted drift, the statements committed before a failure
 */
public record LedgerEntry(
    String stepId,
    String checksum,
    LedgerState state,
    boolean transactional,
    String cutoverId,
    Optional<AuditRef> audit,
    String appliedBy,
    Instant appliedAt,
    long durationMillis,
    String detail) {
  /** Checks the components. */
  public LedgerEntry {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(cutoverId, "cutoverId");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(appliedBy, "appliedBy");
    Objects.requireNonNull(appliedAt, "appliedAt");
    Objects.requireNonNull(detail, "detail");
    if (durationMillis < 0) {
      throw new IllegalArgumentException("durationMillis must be non-negative, was " + durationMillis);
    }
  }
}
