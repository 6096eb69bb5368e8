package dev.cutover.rollback;

/** A restore was refused because the rollback window of the snapshot had closed. Nothing changed. */
public final class RollbackWindowClosedException extends RestoreRefusedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param refusal which snapshot, who, and why
   */
  public RollbackWindowClosedException(RestoreRefusal refusal) {
    super(refusal);
  }
}
