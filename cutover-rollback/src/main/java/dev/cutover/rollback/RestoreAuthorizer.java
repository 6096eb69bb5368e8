package dev.cutover.rollback;

/**
 * Decides whether an {@link Authorization} may restore a snapshot. The host configures one per
 * store; {@link PrincipalAllowlist} is the built-in policy, which verifies the signed approvals of
 * restores of production scopes with a {@link RestoreQuorum}.
 *
 * <p>Implementations must be thread-safe and must not have side effects: the store reports the
 * decision itself.
 */
@FunctionalInterface
public interface RestoreAuthorizer {
  /**
   * Decides whether the restore may go ahead.
   *
   * @param snapshot the snapshot to be restored; {@code snapshot.metadata().production()} says
   *     whether its scope is marked production
   * @param authorization who asks, why, with which signed approvals (to be verified, not trusted)
   * @return the decision and its reason
   */
  AuthorizationDecision authorize(SnapshotRef snapshot, Authorization authorization);
}
