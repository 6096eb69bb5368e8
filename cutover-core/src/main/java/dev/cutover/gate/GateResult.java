package dev.cutover.gate;

import dev.cutover.json.CanonicalJson;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A gate's decision and everything it looked at.
 *
 * @param gate the gate's id
 * @param decision GO, NO_GO or HOLD
 * @param reason why, for a person
 * @param at the instant of the decision, from the clock given to the gate
 * @param evidence the window check, criteria results and approval checks: an immutable map of
 *     strings, booleans, integers, lists and maps (no floating-point numbers), ready for the audit
 *     log
 */
public record GateResult(
    String gate, GateDecision decision, String reason, Instant at, Map<String, Object> evidence) {
  /**
   * Checks and deep-copies the result.
   *
   * @throws NullPointerException if an argument is null
   */
  public GateResult {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    evidence = CanonicalJson.copyOf(evidence, "evidence");
  }
}
