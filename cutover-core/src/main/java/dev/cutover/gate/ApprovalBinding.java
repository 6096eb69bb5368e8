package dev.cutover.gate;

import java.util.Objects;

/**
 * What an approval must be bound to in order to count: this cutover, this plan, this gate, this
 * decision. The log binding is checked against a {@link dev.cutover.gate.spi.LogState}.
 *
 * @param cutover the cutover's id
 * @param plan the plan's digest, lower-case hex
 * @param gate the gate's id
 * @param decision the decision being approved
 */
public record ApprovalBinding(String cutover, String plan, String gate, ApprovalDecision decision) {
  /**
   * Checks that nothing is null.
   *
   * @throws NullPointerException if an argument is null
   */
  public ApprovalBinding {
    Objects.requireNonNull(cutover, "cutover");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(decision, "decision");
  }
}
