package dev.cutover.migration;

import dev.cutover.CutoverException;

/**
 * An applied step's definition changed since it was applied: its checksum differs from the one in
 * the ledger. Nothing is applied; accept the change explicitly with {@link
 * RunOptions.Builder#acceptChecksumChange(String)} if it is intended.
 */
public final class ChecksumDriftException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String stepId;
  private final String appliedChecksum;
  private final String currentChecksum;

  /**
   * Creates the exception.
   *
   * @param stepId the step
   * @param appliedChecksum the checksum in the ledger
   * @param currentChecksum the checksum of the definition now
   */
  public ChecksumDriftException(String stepId, String appliedChecksum, String currentChecksum) {
    super(
        "step '" + stepId + "' was applied with checksum " + appliedChecksum
            + " but its definition now has checksum " + currentChecksum
            + "; an applied step must not change (accept the change explicitly if intended)");
    this.stepId = stepId;
    this.appliedChecksum = appliedChecksum;
    this.currentChecksum = currentChecksum;
  }

  /** The step whose definition changed. */
  public String stepId() {
    return stepId;
  }

  /** The checksum recorded in the ledger when the step was applied. */
  public String appliedChecksum() {
    return appliedChecksum;
  }

  /** The checksum of the step's definition now. */
  public String currentChecksum() {
    return currentChecksum;
  }
}
