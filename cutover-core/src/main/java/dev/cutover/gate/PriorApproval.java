package dev.cutover.gate;

import java.util.Objects;

/**
 * An approval signature that already counted for a decision, as recorded in the audit log. A
 * signature presented again for a different cutover, gate or decision is a replay and does not
 * count.
 *
 * @param signature the signature, standard base64
 * @param cutover the cutover it counted for
 * @param gate the gate it counted for
 * @param decision the decision it counted for
 */
public record PriorApproval(String signature, String cutover, String gate, ApprovalDecision decision) {
  /**
   * Checks that nothing is null.
   *
   * @throws NullPointerException if an argument is null
   */
  public PriorApproval {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(cutover, "cutover");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(decision, "decision");
  }
}
