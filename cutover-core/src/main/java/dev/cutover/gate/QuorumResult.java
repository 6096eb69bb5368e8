package dev.cutover.gate;

import dev.cutover.json.CanonicalJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of checking approvals against an {@link ApprovalPolicy}.
 *
 * @param met whether at least the required number of distinct approvers gave valid approvals
 * @param required the number required (M)
 * @param approvers the names of the approvers whose approvals counted, in the order presented
 * @param reason a summary for a person
 * @param evidence the policy and, for every approval presented, its signature, its signer if
 *     known, and its status ({@code counted}, {@code malformed}, {@code unknown_key}, {@code
 *     duplicate_signature}, {@code replayed}, {@code mis_bound}, {@code expired}, {@code
 *     duplicate_approver}) with the reason
 */
public record QuorumResult(
    boolean met, int required, List<String> approvers, String reason, Map<String, Object> evidence) {
  /**
   * Checks and copies the result.
   *
   * @throws NullPointerException if an argument is null
   */
  public QuorumResult {
    approvers = List.copyOf(approvers);
    Objects.requireNonNull(reason, "reason");
    evidence = CanonicalJson.copyOf(evidence, "evidence");
  }
}
