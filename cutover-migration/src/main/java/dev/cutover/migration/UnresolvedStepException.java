package dev.cutover.migration;

import dev.cutover.CutoverException;

/**
 * A non-transactional step was interrupted (the ledger says started or failed) and the step cannot
 * tell whether its effect is present, because it declares no way to check. Cutover never guesses:
 * a person inspects the database, then either completes the effect or removes the ledger row.
 */
public final class UnresolvedStepException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String stepId;
  private final LedgerState state;

  /**
   * Creates the exception.
   *
   * @param stepId the step
   * @param state the ledger state that is in doubt
   * @param detail what the ledger recorded about the interruption
   */
  public UnresolvedStepException(String stepId, LedgerState state, String detail) {
    super(
        "step '" + stepId + "' is " + state + " in the ledger (" + detail
            + ") and declares no applied-when check, so whether its effect is present cannot be"
            + " decided; inspect the database, then complete the effect or delete its ledger row");
    this.stepId = stepId;
    this.state = state;
  }

  /** The step in doubt. */
  public String stepId() {
    return stepId;
  }

  /** Its ledger state. */
  public LedgerState state() {
    return state;
  }
}
