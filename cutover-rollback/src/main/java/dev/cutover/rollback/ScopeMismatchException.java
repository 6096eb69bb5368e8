package dev.cutover.rollback;

/** A restore was refused because the scope passed to restore is not the scope the snapshot captured. Nothing changed. */
public final class ScopeMismatchException extends RestoreRefusedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param refusal which snapshot, who, and why
   */
  public ScopeMismatchException(RestoreRefusal refusal) {
    super(refusal);
  }
}
