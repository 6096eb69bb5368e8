package dev.cutover.engine.spi;

import dev.cutover.gate.GateDecision;
import java.util.Map;
import java.util.Objects;

/**
 * An operator's decision on a gate, as presented to the engine: who decides, which gate, GO or
 * NO_GO, why, and what authorises it (for example signed approvals). The whole request is logged,
 * as {@code operator.decision} when accepted and {@code operator.decision.refused} when not.
 * Immutable.
 *
 * @param actor who decides
 * @param gate the gate's task id
 * @param decision GO or NO_GO
 * @param reason why
 * @param authorization what authorises the decision, checked by the engine's {@link
 *     DecisionAuthorizer}; canonical-JSON values only (strings, integers, booleans, lists, maps)
 */
public record DecisionRequest(
    String actor, String gate, GateDecision decision, String reason, Map<String, Object> authorization) {
  /**
   * Checks the components and copies the authorization.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the actor, gate or reason is blank, or the decision is HOLD
   */
  public DecisionRequest {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(authorization, "authorization");
    if (actor.isBlank() || gate.isBlank() || reason.isBlank()) {
      throw new IllegalArgumentException("a decision must name its actor, gate and reason");
    }
    if (decision == GateDecision.HOLD) {
      throw new IllegalArgumentException(
          "an operator decides GO or NO_GO on gate '" + gate + "', not HOLD");
    }
    authorization =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(authorization));
  }

  /**
   * A decision that carries no authorization beyond the actor's name, for engines whose {@link
   * DecisionAuthorizer} trusts the caller (see {@link DecisionAuthorizer#anyOperator()}).
   *
   * @param actor who decides
   * @param gate the gate's task id
   * @param decision GO or NO_GO
   * @param reason why
   * @return the request
   */
  public static DecisionRequest of(String actor, String gate, GateDecision decision, String reason) {
    return new DecisionRequest(actor, gate, decision, reason, Map.of());
  }
}
