package dev.cutover.engine.spi;

import java.util.Map;

/**
 * The effect of one task of a plan, as the host implements it.
 *
 * <p>The engine calls {@link #apply} at most once per attempt, after {@code task.started} is
 * durable in the log; after a crash it asks {@link #isApplied} before it tries again, so {@code
 * isApplied} must answer from the effect itself (a row, a flag, a schema version), never from
 * memory. {@link #verify} runs after {@code apply}; a failed verification starts the rollback.
 * {@link #undo} says how a completed task is rolled back.
 *
 * <p>Evidence maps may hold strings, booleans, integral numbers, lists and maps with string keys;
 * no floating point (write decimals as strings). Implementations must be thread-safe if the
 * engine runs tasks in parallel.
 */
public interface TaskAction {
  /**
   * Applies the task's effect.
   *
   * @param context the attempt
   * @return evidence for the log (row counts, digests, timings); empty if there is none
   * @throws Exception if the effect could not be applied; the engine records the failure and
   *     starts the rollback
   */
  Map<String, Object> apply(TaskContext context) throws Exception;

  /**
   * Tells whether the task's effect is already present. Must be answered from the effect itself.
   *
   * @param context the attempt being resolved
   * @return true if the effect is present
   * @throws Exception if the question cannot be answered; the engine stops rather than guess
   */
  boolean isApplied(TaskContext context) throws Exception;

  /**
   * Checks that the effect is what it should be. Passes by default.
   *
   * @param context the attempt
   * @return the verification, passed or failed, with evidence
   * @throws Exception if the check could not run; treated as a failed verification
   */
  default Verification verify(TaskContext context) throws Exception {
    return Verification.passed(Map.of());
  }

  /**
   * Returns how the task is undone. By default it has no lasting effect to undo.
   *
   * @return the undo
   */
  default Undo undo() {
    return Undo.notNeeded();
  }
}
