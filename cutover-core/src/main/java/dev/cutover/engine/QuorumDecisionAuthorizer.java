package dev.cutover.engine;

import dev.cutover.audit.AuditLog;
import dev.cutover.engine.spi.DecisionAuthorizer;
import dev.cutover.engine.spi.DecisionRequest;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalBinding;
import dev.cutover.gate.ApprovalDecision;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.gate.GateDecision;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Authorises an operator's GO or NO_GO on a gate by a quorum of signed approvals of exactly that
 * decision, checked by an {@link ApprovalPolicy}: M valid signatures from M distinct configured
 * approvers, each over the normative approval statement bound to this cutover, the running plan's
 * digest, the decided gate, the decision and a state of the log, and unexpired.
 *
 * <p>The request carries the approvals in {@code authorization.approvals} (build it with {@link
 * #authorization(List)}), so the logged {@code operator.decision} or {@code
 * operator.decision.refused} holds the signatures an auditor can check again. Immutable and
 * thread-safe.
 */
public final class QuorumDecisionAuthorizer implements DecisionAuthorizer {
  private final ApprovalPolicy policy;
  private final String cutover;
  private final AuditLog log;
  private final Clock clock;

  private QuorumDecisionAuthorizer(ApprovalPolicy policy, String cutover, AuditLog log, Clock clock) {
    this.policy = policy;
    this.cutover = cutover;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Returns an authorizer.
   *
   * @param policy who may approve, and how many must
   * @param cutover the cutover id the approvals must name (usually the plan id)
   * @param log the run's audit log, whose root at the approved size must match each approval
   * @param clock the clock that decides whether an approval expired
   * @return the authorizer
   * @throws NullPointerException if an argument is null
   */
  public static QuorumDecisionAuthorizer of(
      ApprovalPolicy policy, String cutover, AuditLog log, Clock clock) {
    return new QuorumDecisionAuthorizer(
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(cutover, "cutover"),
        Objects.requireNonNull(log, "log"),
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Returns the authorization member of a decision that carries approvals.
   *
   * @param approvals the approvals
   * @return a map for {@link DecisionRequest#authorization()}
   */
  public static Map<String, Object> authorization(List<Approval> approvals) {
    return SignedApprovals.authorization(approvals);
  }

  @Override
  public Optional<String> refusal(DecisionRequest request, String planDigest, long logSize) {
    ApprovalDecision decision =
        request.decision() == GateDecision.GO ? ApprovalDecision.GO : ApprovalDecision.NO_GO;
    return SignedApprovals.refusal(
        request.authorization(),
        policy,
        new ApprovalBinding(cutover, planDigest, request.gate(), decision),
        log,
        clock);
  }
}
