package dev.cutover.rollback;

import dev.cutover.gate.Approval;
import java.util.List;
import java.util.Objects;

/**
 * What a caller presents to restore a snapshot: who asks, why, and the signed approvals that back
 * the request. Immutable.
 *
 * <p>The approvals are Ed25519 signatures over approval statements ({@link Approval}); they are
 * presented as they are and verified by the store's {@link RestoreAuthorizer} (for {@link
 * PrincipalAllowlist}, by its {@link RestoreQuorum}), never trusted because the caller claims
 * them. An approval that does not verify, is bound to something else, has expired or is presented
 * twice simply does not count, and the refusal says why.
 *
 * <p>Migrating from approver ids: earlier versions took {@code withApprovals(principal,
 * List<String>)}, the ids of approvers whose signatures the caller said it had checked. Pass the
 * signed {@link Approval}s themselves instead, and configure the approvers' public keys in a
 * {@link RestoreQuorum}.
 *
 * @param principal who asks for the restore
 * @param reason why, in words fit for the audit log; empty if none was given
 * @param approvals the signed approvals presented, possibly none
 */
public record Authorization(String principal, String reason, List<Approval> approvals) {
  /** Checks every field and copies the approvals. */
  public Authorization {
    Checks.notBlank(principal, "principal");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(approvals, "approvals");
    approvals = List.copyOf(approvals);
  }

  /**
   * An authorization by one principal, without a reason or approvals.
   *
   * @param principal who asks for the restore
   * @return the authorization
   */
  public static Authorization of(String principal) {
    return new Authorization(principal, "", List.of());
  }

  /**
   * An authorization by one principal with a reason, without approvals.
   *
   * @param principal who asks for the restore
   * @param reason why
   * @return the authorization
   */
  public static Authorization of(String principal, String reason) {
    return new Authorization(principal, reason, List.of());
  }

  /**
   * An authorization by one principal with a reason and signed approvals, as a restore of a scope
   * marked production needs.
   *
   * @param principal who asks for the restore
   * @param reason why
   * @param approvals the signed approvals
   * @return the authorization
   */
  public static Authorization withApprovals(String principal, String reason, List<Approval> approvals) {
    return new Authorization(principal, reason, approvals);
  }

  @Override
  public String toString() {
    return "Authorization[" + principal + (reason.isEmpty() ? "" : ", '" + reason + "'") + ", "
        + approvals.size() + " approvals]";
  }
}
