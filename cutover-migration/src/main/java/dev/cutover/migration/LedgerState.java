package dev.cutover.migration;

/** The state of a step in the ledger. */
public enum LedgerState {
  /** The step's effect is committed. */
  APPLIED,
  /**
   * A non-transactional step was started and its end was not recorded (a crash, or a lost
   * connection): its {@code isApplied} decides on the next run.
   */
  STARTED,
  /** A non-transactional step failed part-way; its {@code isApplied} decides on the next run. */
  FAILED
}
