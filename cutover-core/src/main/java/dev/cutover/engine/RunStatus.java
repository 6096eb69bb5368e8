package dev.cutover.engine;

/** Where a cutover run stands. */
public enum RunStatus {
  /** Nothing is logged yet. */
  NEW,
  /** Tasks are being run. */
  RUNNING,
  /** A rollback was started and is undoing completed tasks. */
  ROLLING_BACK,
  /** Every task completed and every gate said GO. Terminal unless an authorised rollback follows. */
  SUCCEEDED,
  /** Every completed task was undone and each undo verified. Terminal. */
  ROLLED_BACK,
  /** The rollback could not finish; the run lists what a person must still do. Terminal. */
  ROLLBACK_FAILED;

  /**
   * Tells whether nothing more will run without an operator.
   *
   * @return true for SUCCEEDED, ROLLED_BACK and ROLLBACK_FAILED
   */
  public boolean terminal() {
    return this == SUCCEEDED || this == ROLLED_BACK || this == ROLLBACK_FAILED;
  }
}
