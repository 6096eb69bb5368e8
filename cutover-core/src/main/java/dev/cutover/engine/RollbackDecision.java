package dev.cutover.engine;

import java.util.Objects;

/**
 * The engine's answer to an operator's rollback request; either way it is in the log.
 *
 * @param accepted whether the rollback was started
 * @param reason why it was refused, empty if accepted
 */
public record RollbackDecision(boolean accepted, String reason) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if reason is null
   */
  public RollbackDecision {
    Objects.requireNonNull(reason, "reason");
  }
}
