package dev.cutover.engine.spi;

import java.util.Optional;

/**
 * Decides whether an operator may decide a gate (GO or NO_GO) in place of its evaluator. The
 * engine refuses every operator decision when none is configured, and logs each refusal.
 *
 * <p>{@link dev.cutover.engine.QuorumDecisionAuthorizer} asks for M signed approvals of the
 * decision; {@link #anyOperator()} accepts any named actor, for hosts that authenticate their
 * operators themselves. Implementations must be thread-safe and must not append to the log.
 */
@FunctionalInterface
public interface DecisionAuthorizer {
  /**
   * Returns why the decision is refused, or empty to accept it.
   *
   * @param request the decision
   * @param planDigest the digest of the running plan
   * @param logSize the size of the log when the decision arrived
   * @return the refusal, empty if authorised
   */
  Optional<String> refusal(DecisionRequest request, String planDigest, long logSize);

  /**
   * An authorizer that accepts every decision: the actor's name, logged with the decision, is
   * all the accountability there is. Use it when the host has authenticated the operator.
   *
   * @return the authorizer
   */
  static DecisionAuthorizer anyOperator() {
    return (request, planDigest, logSize) -> Optional.empty();
  }
}
