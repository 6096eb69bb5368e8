package dev.cutover.gate;

import dev.cutover.json.CanonicalJson;
import java.util.Map;
import java.util.Objects;

/**
 * The result of evaluating a criterion.
 *
 * @param outcome PASS, FAIL or INSUFFICIENT_DATA, after the insufficient-data policy
 * @param reason why, for a person: names the metric, the value and the threshold
 * @param evidence everything the criterion looked at: an immutable map of strings, booleans,
 *     integers, lists and maps (decimals as strings)
 */
public record CriterionResult(Outcome outcome, String reason, Map<String, Object> evidence) {
  /**
   * Checks and deep-copies the result.
   *
   * @throws NullPointerException if an argument is null
   * @throws dev.cutover.json.InvalidJsonException if the evidence holds a floating-point number or
   *     anything else that cannot go into the audit log
   */
  public CriterionResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    evidence = CanonicalJson.copyOf(evidence, "evidence");
  }
}
