package dev.cutover.rollback;

import dev.cutover.audit.AuditLog;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalBinding;
import dev.cutover.gate.ApprovalDecision;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.gate.ApprovalStatement;
import dev.cutover.gate.QuorumResult;
import dev.cutover.gate.spi.LogState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The signed approvals a restore of a scope marked production needs: M valid Ed25519 signatures
 * from M distinct approvers of an {@link ApprovalPolicy}, each over the normative approval
 * statement (ARCHITECTURE.md, "Approvals") with decision {@code ROLLBACK}, the snapshot's cutover,
 * the configured plan digest, the gate {@code restore:} followed by the scope's name ({@link
 * #gateOf(String)}) and a state of the configured audit log, and not expired by this quorum's
 * clock.
 *
 * <p>An expired, mis-bound (another cutover, plan, gate, decision, or a log root that is not the
 * root of this log at that size), duplicated or unknown signature does not count; {@link
 * #check} says, for each approval, why. Approvers sign {@link #statement} with their private key
 * ({@link Approval#sign}) or with {@code openssl pkeyutl -sign -rawin} over the statement's bytes.
 *
 * <pre>{@code
 * RestoreQuorum quorum = RestoreQuorum.builder()
 *     .policy(ApprovalPolicy.builder()
 *         .approver("bob", bobKey).approver("carol", carolKey).required(2).build())
 *     .plan(plan.digest())
 *     .log(auditLog)
 *     .clock(clock)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RestoreQuorum {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private final ApprovalPolicy policy;
  private final String plan;
  private final LogState log;
  private final Clock clock;

  private RestoreQuorum(Builder b) {
    this.policy = b.policy;
    this.plan = b.plan;
    this.log = b.log;
    this.clock = b.clock;
  }

  /**
   * Starts a quorum.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The gate id an approval of a restore of this scope must name: {@code restore:} followed by the
   * scope's name, so that an approval of one scope's restore cannot be used for another, nor for
   * a gate of the plan.
   *
   * @param scope the scope's name, as in {@link SnapshotRef#scope()}
   * @return the gate id
   */
  public static String gateOf(String scope) {
    return "restore:" + Checks.notBlank(scope, "scope");
  }

  /**
   * The approvers, their keys and how many must approve.
   *
   * @return the policy
   */
  public ApprovalPolicy policy() {
    return policy;
  }

  /**
   * The statement an approver signs to approve restoring this snapshot: decision ROLLBACK, the
   * snapshot's cutover and scope, this quorum's plan, and the log as it is now.
   *
   * @param snapshot the snapshot to restore
   * @param expires when the approval stops counting
   * @return the statement; sign {@link ApprovalStatement#toBytes()}
   */
  public ApprovalStatement statement(SnapshotRef snapshot, Instant expires) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(expires, "expires");
    long size = log.size();
    String root =
        log.rootAt(size)
            .orElseThrow(() -> new IllegalStateException("the log has no root at its own size " + size));
    return new ApprovalStatement(
        snapshot.metadata().cutoverId(),
        ApprovalDecision.ROLLBACK,
        expires,
        gateOf(snapshot.scope()),
        size,
        root,
        plan);
  }

  /**
   * Checks approvals for restoring a snapshot, now by this quorum's clock.
   *
   * @param snapshot the snapshot to restore
   * @param approvals the approvals presented, in order
   * @return whether the quorum is met, its reason, and for every approval its status
   */
  public QuorumResult check(SnapshotRef snapshot, List<Approval> approvals) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(approvals, "approvals");
    return policy.check(
        new ApprovalBinding(
            snapshot.metadata().cutoverId(), plan, gateOf(snapshot.scope()), ApprovalDecision.ROLLBACK),
        log,
        clock.instant(),
        approvals,
        List.of());
  }

  /**
   * Why each approval that did not count was not counted, e.g. {@code approval 2 (carol):
   * expired: expired at ..., now ...}; empty if every approval counted.
   */
  static List<String> notCounted(QuorumResult result) {
    List<String> out = new ArrayList<>();
    if (result.evidence().get("approvals") instanceof List<?> list) {
      int i = 0;
      for (Object o : list) {
        i++;
        if (o instanceof Map<?, ?> m && !"counted".equals(m.get("status"))) {
          Object who = m.get("approver");
          out.add("approval " + i + (who == null ? "" : " (" + who + ")") + ": "
              + String.valueOf(m.get("status")).replace('_', ' ') + ": " + m.get("reason"));
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "RestoreQuorum[" + policy.required() + " of " + policy.approvers().keySet() + ", plan "
        + plan + "]";
  }

  /**
   * Builds a {@link RestoreQuorum}. Every argument is required; setters check it at once (null:
   * {@link NullPointerException}; bad value: {@link IllegalArgumentException}; set twice: {@link
   * IllegalStateException}). Not thread-safe.
   */
  public static final class Builder {
    private ApprovalPolicy policy;
    private String plan;
    private LogState log;
    private Clock clock;

    private Builder() {}

    /**
     * Sets the approvers, their public keys, and how many distinct ones must approve.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(ApprovalPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      once(this.policy, "policy");
      this.policy = policy;
      return this;
    }

    /**
     * Sets the digest of the plan the approvals must be bound to ({@code Plan.digest()}).
     *
     * @param planDigest 64 lower-case hex digits
     * @return this builder
     */
    public Builder plan(String planDigest) {
      Objects.requireNonNull(planDigest, "planDigest");
      if (!HEX64.matcher(planDigest).matches()) {
        throw new IllegalArgumentException(
            "plan digest must be 64 lower-case hex digits, got '" + planDigest + "'");
      }
      once(this.plan, "plan");
      this.plan = planDigest;
      return this;
    }

    /**
     * Sets the audit log whose state (size and root) each approval must be bound to.
     *
     * @param log the audit log
     * @return this builder
     */
    public Builder log(AuditLog log) {
      Objects.requireNonNull(log, "log");
      return log(LogState.of(log));
    }

    /**
     * Sets the state of the log each approval must be bound to, for logs other than an {@link
     * AuditLog}.
     *
     * @param log the log's size and roots
     * @return this builder
     */
    public Builder log(LogState log) {
      Objects.requireNonNull(log, "log");
      once(this.log, "log");
      this.log = log;
      return this;
    }

    /**
     * Sets the clock that decides whether an approval has expired.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once(this.clock, "clock");
      this.clock = clock;
      return this;
    }

    /**
     * Builds the quorum.
     *
     * @return the immutable quorum
     * @throws IllegalStateException if the policy, the plan, the log or the clock is missing
     */
    public RestoreQuorum build() {
      List<String> missing = new ArrayList<>();
      if (policy == null) {
        missing.add("policy");
      }
      if (plan == null) {
        missing.add("plan");
      }
      if (log == null) {
        missing.add("log");
      }
      if (clock == null) {
        missing.add("clock");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("a restore quorum needs " + String.join(", ", missing));
      }
      return new RestoreQuorum(this);
    }

    private static void once(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " is already set");
      }
    }
  }
}
