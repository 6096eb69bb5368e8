package dev.cutover.engine.spi;

import dev.cutover.gate.GateResult;

/**
 * Evaluates one gate of a plan when the engine reaches it, typically by calling {@link
 * dev.cutover.gate.Gate#decide} with the host's metrics and the approvals presented: criteria, time
 * windows, approvals. Called on the engine's scheduling thread; a HOLD is evaluated again when a
 * reading, an approval or an operator decision arrives, and at the engine's hold poll interval.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface GateEvaluator {
  /**
   * Evaluates the gate.
   *
   * @param gateId the gate's task id
   * @return the decision with its evidence
   * @throws Exception if the gate cannot be evaluated; the engine treats it as NO_GO
   */
  GateResult evaluate(String gateId) throws Exception;
}
