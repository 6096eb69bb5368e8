package dev.cutover.engine;

import dev.cutover.audit.AuditLog;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalBinding;
import dev.cutover.gate.ApprovalDecision;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.engine.spi.RollbackAuthorizer;
import dev.cutover.engine.spi.RollbackRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Authorises an operator rollback by a quorum of signed approvals with decision {@code ROLLBACK},
 * checked by an {@link ApprovalPolicy}: M valid signatures from M distinct configured approvers,
 * each bound to this cutover, this plan, the given gate id and a state of the log, and unexpired.
 *
 * <p>The request carries the approvals in {@code authorization.approvals}: a list of maps with
 * {@code statement} (the base64 of the statement's JCS bytes) and {@code signature} (base64), so
 * that the request, logged as {@code rollback.requested} or {@code rollback.refused}, holds them.
 * Each request must carry its own quorum. Immutable and thread-safe.
 */
public final class QuorumRollbackAuthorizer implements RollbackAuthorizer {
  private final ApprovalPolicy policy;
  private final String cutover;
  private final String gate;
  private final AuditLog log;
  private final Clock clock;

  private QuorumRollbackAuthorizer(
      ApprovalPolicy policy, String cutover, String gate, AuditLog log, Clock clock) {
    this.policy = policy;
    this.cutover = cutover;
    this.gate = gate;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Returns an authorizer.
   *
   * @param policy who may approve, and how many must
   * @param cutover the cutover id the approvals must name (usually the plan id)
   * @param gate the gate id the approvals must name for a rollback, such as {@code rollback}
   * @param log the run's audit log, whose root at the approved size must match each approval
   * @param clock the clock that decides whether an approval expired
   * @return the authorizer
   * @throws NullPointerException if an argument is null
   */
  public static QuorumRollbackAuthorizer of(
      ApprovalPolicy policy, String cutover, String gate, AuditLog log, Clock clock) {
    return new QuorumRollbackAuthorizer(
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(cutover, "cutover"),
        Objects.requireNonNull(gate, "gate"),
        Objects.requireNonNull(log, "log"),
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Returns the authorization member of a request that carries approvals.
   *
   * @param approvals the approvals
   * @return a map for {@link RollbackRequest#authorization()}
   */
  public static Map<String, Object> authorization(List<Approval> approvals) {
    return SignedApprovals.authorization(approvals);
  }

  @Override
  public Optional<String> refusal(RollbackRequest request, String planDigest, long logSize) {
    return SignedApprovals.refusal(
        request.authorization(),
        policy,
        new ApprovalBinding(cutover, planDigest, gate, ApprovalDecision.ROLLBACK),
        log,
        clock);
  }
}
