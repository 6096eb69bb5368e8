package dev.cutover.rollback;

import dev.cutover.gate.QuorumResult;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link RestoreAuthorizer} that grants restores to a fixed set of principals and, for scopes
 * marked production, additionally requires a quorum of signed approvals verified by a {@link
 * RestoreQuorum}: Ed25519 signatures of configured approvers over the approval statement of that
 * restore. A production scope without a configured quorum is never restored. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * RestoreAuthorizer policy = PrincipalAllowlist.builder()
 *     .allow("alice", "engine")
 *     .productionQuorum(RestoreQuorum.builder()
 *         .policy(approvers).plan(plan.digest()).log(auditLog).clock(clock).build())
 *     .build();
 * }</pre>
 */
public final class PrincipalAllowlist implements RestoreAuthorizer {
  private final Set<String> principals;
  private final RestoreQuorum quorum;

  private PrincipalAllowlist(Builder b) {
    this.principals = Set.copyOf(b.principals);
    this.quorum = b.quorum;
  }

  /**
   * Starts a policy.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public AuthorizationDecision authorize(SnapshotRef snapshot, Authorization authorization) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(authorization, "authorization");
    String who = authorization.principal();
    if (!principals.contains(who)) {
      return AuthorizationDecision.deny(
          "principal '" + who + "' is not allowed to restore (allowed: "
              + String.join(", ", new TreeSet<>(principals)) + ")");
    }
    if (!snapshot.metadata().production()) {
      return AuthorizationDecision.grant("principal '" + who + "' is on the allowlist");
    }
    if (quorum == null) {
      return AuthorizationDecision.deny(
          "scope '" + snapshot.scope() + "' is marked production and this policy has no"
              + " production quorum to verify approvals against");
    }
    QuorumResult result = quorum.check(snapshot, authorization.approvals());
    List<String> notCounted = RestoreQuorum.notCounted(result);
    String why = notCounted.isEmpty() ? "" : "; not counted: " + String.join("; ", notCounted);
    if (!result.met()) {
      return AuthorizationDecision.deny(
          "production scope '" + snapshot.scope() + "' needs " + result.required()
              + " valid signed approvals from distinct approvers, got " + result.approvers().size()
              + (result.approvers().isEmpty() ? "" : " (" + String.join(", ", result.approvers()) + ")")
              + (authorization.approvals().isEmpty() ? "; no approvals were presented" : why));
    }
    return AuthorizationDecision.grant(
        "principal '" + who + "' is on the allowlist and " + result.reason() + why);
  }

  /** Builds a {@link PrincipalAllowlist}; not thread-safe. */
  public static final class Builder {
    private final Set<String> principals = new TreeSet<>();
    private RestoreQuorum quorum;

    private Builder() {}

    /**
     * Adds principals that may restore.
     *
     * @param principals the principals
     * @return this builder
     */
    public Builder allow(String... principals) {
      Objects.requireNonNull(principals, "principals");
      for (String p : principals) {
        Checks.notBlank(p, "principal");
        if (!this.principals.add(p)) {
          throw new IllegalStateException("principal '" + p + "' is already allowed");
        }
      }
      return this;
    }

    /**
     * Sets the quorum of signed approvals a restore of a scope marked production needs, on top of
     * an allowed principal. Without one, production scopes are never restored.
     *
     * @param quorum the approvers' keys, how many must sign, and what they must sign
     * @return this builder
     */
    public Builder productionQuorum(RestoreQuorum quorum) {
      Objects.requireNonNull(quorum, "quorum");
      if (this.quorum != null) {
        throw new IllegalStateException("production quorum is already set to " + this.quorum);
      }
      this.quorum = quorum;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the immutable policy
     * @throws IllegalStateException if no principal is allowed
     */
    public PrincipalAllowlist build() {
      if (principals.isEmpty()) {
        throw new IllegalStateException("at least one principal must be allowed");
      }
      return new PrincipalAllowlist(this);
    }
  }
}
