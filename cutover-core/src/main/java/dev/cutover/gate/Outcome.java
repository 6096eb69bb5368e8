package dev.cutover.gate;

/** The result of a criterion: tri-state, because missing data is neither a pass nor a failure. */
public enum Outcome {
  /** The criterion holds. */
  PASS,
  /** The criterion does not hold. */
  FAIL,
  /** There was not enough data to tell (no reading, too few samples, no baseline). */
  INSUFFICIENT_DATA
}
