package dev.cutover.gate;

/** The decision an approver signs for: the {@code decision} member of an approval statement. */
public enum ApprovalDecision {
  /** Proceed past the gate. */
  GO,
  /** Do not proceed. */
  NO_GO,
  /** Roll the cutover back. */
  ROLLBACK
}
