package dev.cutover.rollback;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link RestoreAuthorizer} that grants restores to a fixed set of principals and, for scopes
 * marked production, additionally requires a quorum of distinct approvals from a fixed set of
 * approvers. Immutable and thread-safe.
 *
 * <pre>{@code
 * RestoreAuthorizer policy = PrincipalAllowlist.builder()
 *     .allow("alice", "engine")
 *     .approvers("bob", "carol", "dave")
 *     .quorum(2)
 *     .build();
 * }</pre>
 */
public final class PrincipalAllowlist implements RestoreAuthorizer {
  private final Set<String> principals;
  private final Set<String> approvers;
  private final int quorum;

  private PrincipalAllowlist(Builder b) {
    this.principals = Set.copyOf(b.principals);
    this.approvers = Set.copyOf(b.approvers);
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
    List<String> counted = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (String a : authorization.approvals()) {
      (approvers.contains(a) ? counted : ignored).add(a);
    }
    String ignoredText = ignored.isEmpty() ? "" : "; ignored unknown approvers: " + ignored;
    if (counted.size() < quorum) {
      return AuthorizationDecision.deny(
          "production scope '" + snapshot.scope() + "' needs " + quorum
              + " distinct approvals from known approvers, got " + counted.size() + " " + counted
              + ignoredText);
    }
    return AuthorizationDecision.grant(
        "principal '" + who + "' is on the allowlist and " + counted.size() + " of " + quorum
            + " required approvals are present " + counted + ignoredText);
  }

  /** Builds a {@link PrincipalAllowlist}; not thread-safe. */
  public static final class Builder {
    private final Set<String> principals = new TreeSet<>();
    private final Set<String> approvers = new TreeSet<>();
    private int quorum = -1;

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
     * Adds approvers whose approvals count towards the quorum for production scopes.
     *
     * @param approvers the approvers
     * @return this builder
     */
    public Builder approvers(String... approvers) {
      Objects.requireNonNull(approvers, "approvers");
      for (String a : approvers) {
        Checks.notBlank(a, "approver");
        if (!this.approvers.add(a)) {
          throw new IllegalStateException("approver '" + a + "' is already configured");
        }
      }
      return this;
    }

    /**
     * Sets how many distinct approvals a restore of a production scope needs (default: 1 when
     * approvers are configured).
     *
     * @param quorum at least 1
     * @return this builder
     */
    public Builder quorum(int quorum) {
      if (quorum < 1) {
        throw new IllegalArgumentException("quorum must be at least 1, got " + quorum);
      }
      if (this.quorum != -1) {
        throw new IllegalStateException("quorum is already set to " + this.quorum);
      }
      this.quorum = quorum;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the immutable policy
     * @throws IllegalStateException if no principal is allowed, or the quorum exceeds the number
     *     of approvers
     */
    public PrincipalAllowlist build() {
      if (principals.isEmpty()) {
        throw new IllegalStateException("at least one principal must be allowed");
      }
      if (quorum == -1) {
        quorum = 1;
      }
      if (quorum > approvers.size() && !(approvers.isEmpty() && quorum == 1)) {
        throw new IllegalStateException(
            "quorum " + quorum + " exceeds the " + approvers.size() + " configured approvers");
      }
      return new PrincipalAllowlist(this);
    }
  }
}
