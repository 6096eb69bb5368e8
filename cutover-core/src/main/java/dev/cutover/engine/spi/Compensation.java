package dev.cutover.engine.spi;

/**
 * A compensating step for a task whose effect cannot be undone (an e-mail sent, a payment
 * released): it does something new that offsets the effect. Like a task action, it must be able
 * to tell from the world whether it already ran, so that a resumed rollback never compensates
 * twice. Must be thread-safe.
 */
public interface Compensation extends UndoAction {
  /**
   * Tells whether the compensation's effect is already present.
   *
   * @param context the task being compensated
   * @return true if the compensation already ran
   * @throws Exception if the question cannot be answered
   */
  boolean isApplied(TaskContext context) throws Exception;
}
