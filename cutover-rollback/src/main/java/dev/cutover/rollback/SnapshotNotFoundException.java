package dev.cutover.rollback;

/** A restore was refused because the store holds no snapshot with the requested id (never taken here, or released). Nothing changed. */
public final class SnapshotNotFoundException extends RestoreRefusedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param refusal which snapshot, who, and why
   */
  public SnapshotNotFoundException(RestoreRefusal refusal) {
    super(refusal);
  }
}
