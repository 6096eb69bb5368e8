package dev.cutover.rollback;

/** A restore was refused because the stored snapshot no longer matches its digests (it was altered or damaged after it was taken). Nothing changed. */
public final class SnapshotTamperedException extends RestoreRefusedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param refusal which snapshot, who, and why
   */
  public SnapshotTamperedException(RestoreRefusal refusal) {
    super(refusal);
  }
}
