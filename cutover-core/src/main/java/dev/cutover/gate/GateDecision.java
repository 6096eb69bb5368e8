package dev.cutover.gate;

/** What a gate decides. */
public enum GateDecision {
  /** Proceed: the window is open, every criterion passed and the approval quorum is met. */
  GO,
  /** Do not proceed: a criterion failed. The engine rolls back or stops. */
  NO_GO,
  /** Not yet: the window is closed, data is insufficient, or approvals are missing. Ask again. */
  HOLD
}
