package dev.cutover.engine.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A gate's decision with its evidence.
 *
 * @param decision GO, NO_GO or HOLD
 * @param reason a lower-case sentence saying why
 * @param evidence the readings, criteria outcomes and approvals behind it; no floating point
 */
public record GateResult(GateDecision decision, String reason, Map<String, Object> evidence) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public GateResult {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(evidence, "evidence");
    evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
  }

  /**
   * Returns a result.
   *
   * @param decision the decision
   * @param reason why
   * @return the result, without evidence
   */
  public static GateResult of(GateDecision decision, String reason) {
    return new GateResult(decision, reason, Map.of());
  }
}
