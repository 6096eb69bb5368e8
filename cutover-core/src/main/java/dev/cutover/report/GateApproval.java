package dev.cutover.report;

import java.util.Objects;

/**
 * One signature presented at a gate, and whether it counted towards the quorum. Immutable and
 * thread-safe.
 *
 * @param approver who signed (the configured approver name, or the key as presented)
 * @param decision the decision the approver signed, e.g. {@code GO}
 * @param counted whether the signature counted towards the quorum
 * @param reason why it did not count (expired, mis-bound, duplicate, unknown key, bad signature);
 *     empty when it counted
 */
public record GateApproval(String approver, String decision, boolean counted, String reason) {

  /**
   * Checks the approval.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if the approver or decision is blank, or a signature that did
   *     not count has no reason, or one that counted has a reason
   */
  public GateApproval {
    Checks.text(approver, "approver");
    Checks.text(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    if (!counted && reason.isBlank()) {
      throw new IllegalArgumentException(
          "the signature of '" + approver + "' did not count but no reason was given");
    }
    if (counted && !reason.isEmpty()) {
      throw new IllegalArgumentException(
          "the signature of '" + approver + "' counted but has a reason: " + reason);
    }
  }

  /**
   * A signature that counted.
   *
   * @param approver who signed
   * @param decision the decision signed
   * @return the approval
   */
  public static GateApproval counted(String approver, String decision) {
    return new GateApproval(approver, decision, true, "");
  }

  /**
   * A signature that did not count.
   *
   * @param approver who signed
   * @param decision the decision signed
   * @param reason why it did not count
   * @return the approval
   */
  public static GateApproval refused(String approver, String decision, String reason) {
    return new GateApproval(approver, decision, false, reason);
  }
}
