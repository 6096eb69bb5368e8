package dev.cutover.report;

import java.util.Objects;

/**
 * One measurable criterion of a gate and what it found. Immutable and thread-safe.
 *
 * @param name the criterion, e.g. {@code error_rate < 0.1%}
 * @param outcome the tri-state result
 * @param evidence what was observed, e.g. {@code error_rate = 0.02% over 5 min}; may be empty
 */
public record GateCriterion(String name, Outcome outcome, String evidence) {

  /** The tri-state result of a criterion. */
  public enum Outcome {
    /** The metric met the criterion. */
    PASS,
    /** The metric broke the criterion. */
    FAIL,
    /** There was not enough data to decide. */
    INSUFFICIENT_DATA
  }

  /**
   * Checks the criterion.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if the name is blank
   */
  public GateCriterion {
    Checks.text(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(evidence, "evidence");
  }
}
