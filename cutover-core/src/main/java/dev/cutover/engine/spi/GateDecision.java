package dev.cutover.engine.spi;

/** The outcome of evaluating a gate. */
public enum GateDecision {
  /** Continue past the gate. */
  GO,
  /** Do not continue: roll back. */
  NO_GO,
  /** Wait for an approval, a new reading or an operator decision, then evaluate again. */
  HOLD
}
