package dev.cutover.rollback;

import java.util.List;
import java.util.Objects;

/**
 * What a caller presents to restore a snapshot: who asks, and which approvers have approved.
 *
 * <p>The approvals are the ids of approvers whose signatures the caller (normally the engine,
 * through core's gate package) has already verified; the {@link RestoreAuthorizer} decides whether
 * they are enough. Immutable.
 *
 * @param principal who asks for the restore
 * @param approvals the distinct approvers who approved it, possibly none
 */
public record Authorization(String principal, List<String> approvals) {
  /** Checks every field and copies the approvals. */
  public Authorization {
    Checks.notBlank(principal, "principal");
    Objects.requireNonNull(approvals, "approvals");
    approvals = List.copyOf(approvals);
    for (String a : approvals) {
      Checks.notBlank(a, "approval");
    }
    if (approvals.stream().distinct().count() != approvals.size()) {
      throw new IllegalArgumentException("approvals must be distinct, got " + approvals);
    }
  }

  /**
   * An authorization by one principal without approvals.
   *
   * @param principal who asks for the restore
   * @return the authorization
   */
  public static Authorization of(String principal) {
    return new Authorization(principal, List.of());
  }

  /**
   * An authorization by one principal with the given verified approvals.
   *
   * @param principal who asks for the restore
   * @param approvals the distinct approvers who approved it
   * @return the authorization
   */
  public static Authorization withApprovals(String principal, List<String> approvals) {
    return new Authorization(principal, approvals);
  }
}
