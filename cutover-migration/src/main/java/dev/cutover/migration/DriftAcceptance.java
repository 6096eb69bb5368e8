package dev.cutover.migration;

import java.time.Instant;
import java.util.Objects;

/**
 * The record of an accepted checksum drift: the caller said that the changed definition of an
 * applied step is intended. The runner updates the ledger row and returns this for the audit log.
 *
 * @param stepId the step
 * @param previousChecksum the checksum the ledger had
 * @param acceptedChecksum the checksum the ledger has now
 * @param acceptedBy who accepted it
 * @param acceptedAt when (the runner's clock)
 */
public record DriftAcceptance(
    String stepId,
    String previousChecksum,
    String acceptedChecksum,
    String acceptedBy,
    Instant acceptedAt) {
  /** Checks the components. */
  public DriftAcceptance {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(previousChecksum, "previousChecksum");
    Objects.requireNonNull(acceptedChecksum, "acceptedChecksum");
    Objects.requireNonNull(acceptedBy, "acceptedBy");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
  }
}
