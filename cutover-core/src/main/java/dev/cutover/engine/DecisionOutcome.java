package dev.cutover.engine;

import java.util.Objects;

/**
 * The engine's answer to an operator's decision on a gate; either way it is in the log.
 *
 * @param accepted whether the decision was recorded and will be applied to the gate
 * @param reason why it was refused, empty if accepted
 */
public record DecisionOutcome(boolean accepted, String reason) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if reason is null
   */
  public DecisionOutcome {
    Objects.requireNonNull(reason, "reason");
  }
}
