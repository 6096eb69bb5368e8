package dev.cutover.rollback;

/** A restore was refused because the authorizer did not grant the restore. Nothing changed. */
public final class RestoreUnauthorizedException extends RestoreRefusedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param refusal which snapshot, who, and why
   */
  public RestoreUnauthorizedException(RestoreRefusal refusal) {
    super(refusal);
  }
}
