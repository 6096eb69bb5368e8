package dev.cutover.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A go/no-go gate: its decision, the evidence behind it and who approved it. Immutable and
 * thread-safe.
 *
 * @param id the gate id (a task of the plan when the gate is one)
 * @param decision the decision taken
 * @param decidedAt when the decision was logged, empty while pending
 * @param decidedBy who or what logged the decision, or an empty string
 * @param reason why the gate decided as it did, or an empty string
 * @param criteria the criteria and their outcomes, in the order evaluated
 * @param quorum how many distinct approvers had to sign, 0 for none
 * @param approvals every signature presented, counted or not
 * @param evidence the gate's evidence exactly as logged (canonical JSON), or an empty string
 */
public record ReportGate(
    String id,
    Decision decision,
    Optional<Instant> decidedAt,
    String decidedBy,
    String reason,
    List<GateCriterion> criteria,
    int quorum,
    List<GateApproval> approvals,
    String evidence) {

  /** A gate's decision. */
  public enum Decision {
    /** Go on. */
    GO,
    /** Do not go on; stop where we are. */
    NO_GO,
    /** Undo what was done. */
    ROLLBACK,
    /** Wait: the gate could not decide yet and the run waits for it. */
    HOLD,
    /** Not decided when the log ends. */
    PENDING
  }

  /**
   * Checks the gate and copies its lists.
   *
   * @throws NullPointerException if any argument or element is null
   * @throws IllegalArgumentException if the id is blank, the quorum is negative, or a decided gate
   *     has no decision time (or a pending one has)
   */
  public ReportGate {
    Checks.text(id, "id");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(evidence, "evidence");
    criteria = List.copyOf(criteria);
    approvals = List.copyOf(approvals);
    if (quorum < 0) {
      throw new IllegalArgumentException("gate '" + id + "' has a negative quorum: " + quorum);
    }
    if ((decision == Decision.PENDING) != decidedAt.isEmpty()) {
      throw new IllegalArgumentException(
          "gate '" + id + "' must have a decision time exactly when it is decided, decision "
              + decision + ", time " + decidedAt.map(Instant::toString).orElse("none"));
    }
  }

  /**
   * How many signatures counted.
   *
   * @return the number of approvals that counted
   */
  public long countedApprovals() {
    return approvals.stream().filter(GateApproval::counted).count();
  }
}
