package dev.cutover.rollback;

/**
 * The answer of a {@link RestoreAuthorizer}: granted or not, and why. Immutable.
 *
 * @param granted whether the restore may go ahead
 * @param reason why, in words fit for the audit log
 */
public record AuthorizationDecision(boolean granted, String reason) {
  /** Checks the reason. */
  public AuthorizationDecision {
    Checks.notBlank(reason, "reason");
  }

  /**
   * A decision that grants the restore.
   *
   * @param reason why it is granted
   * @return the decision
   */
  public static AuthorizationDecision grant(String reason) {
    return new AuthorizationDecision(true, reason);
  }

  /**
   * A decision that refuses the restore.
   *
   * @param reason why it is refused
   * @return the decision
   */
  public static AuthorizationDecision deny(String reason) {
    return new AuthorizationDecision(false, reason);
  }
}
