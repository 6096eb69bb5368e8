package dev.cutover.gate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A go/no-go gate: exit criteria, time rules and an approval policy, each optional.
 *
 * <p>{@link #decide(GateInput)} is a pure function of the input's clock and readings:
 *
 * <ol>
 *   <li>a criterion that FAILs (after its insufficient-data policy) gives NO_GO;
 *   <li>otherwise a closed window gives HOLD;
 *   <li>otherwise criteria with INSUFFICIENT_DATA give HOLD;
 *   <li>otherwise an approval quorum for GO that is not met gives HOLD;
 *   <li>otherwise GO.
 * </ol>
 *
 * Every part is evaluated every time, so the evidence is complete whatever the decision. Create
 * with {@link #builder(String)}. Immutable and thread-safe.
 */
public final class Gate {
  private final String id;
  private final Criterion criterion;
  private final TimeRules timeRules;
  private final ApprovalPolicy approvals;

  private Gate(Builder b) {
    this.id = b.id;
    this.criterion = b.criterion;
    this.timeRules = b.timeRules == null ? TimeRules.always() : b.timeRules;
    this.approvals = b.approvals;
  }

  /**
   * Starts a gate.
   *
   * @param id the gate's id, normally the id of its task in the plan
   * @return a builder
   */
  public static Builder builder(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("gate id must not be blank");
    }
    return new Builder(id);
  }

  /**
   * The gate's id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The time rules; {@link TimeRules#always()} if none were set.
   *
   * @return the time rules
   */
  public TimeRules timeRules() {
    return timeRules;
  }

  /**
   * Decides.
   *
   * @param input the clock, metrics, binding and approvals
   * @return the decision with its evidence
   * @throws IllegalArgumentException if the gate has criteria but the input no metrics, or an
   *     approval policy but the input no binding
   */
  public GateResult decide(GateInput input) {
    Objects.requireNonNull(input, "input");
    Instant now = input.clock().instant();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("gate", id);
    evidence.put("time", now.toString());
    WindowCheck window = timeRules.checkProceed(now);
    evidence.put("window", window.evidence());
    CriterionResult criteria = null;
    if (criterion != null) {
      criteria =
          criterion.evaluate(
              input
                  .metrics()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "gate '" + id + "' has criteria but the input has no metrics")));
      evidence.put("criteria", criteria.evidence());
    }
    QuorumResult quorum = null;
    if (approvals != null) {
      if (input.cutover().isEmpty()) {
        throw new IllegalArgumentException(
            "gate '" + id + "' needs approvals but the input has no binding (cutover, plan, log)");
      }
      quorum =
          approvals.check(
              new ApprovalBinding(
                  input.cutover().get(), input.planDigest().get(), id, ApprovalDecision.GO),
              input.log().get(),
              now,
              input.approvals(),
              input.priorApprovals());
      evidence.put("approvals", quorum.evidence());
    }
    GateDecision decision;
    String reason;
    if (criteria != null && criteria.outcome() == Outcome.FAIL) {
      decision = GateDecision.NO_GO;
      reason = "criteria failed: " + criteria.reason();
    } else if (!window.open()) {
      decision = GateDecision.HOLD;
      reason = "window closed: " + window.reason();
    } else if (criteria != null && criteria.outcome() == Outcome.INSUFFICIENT_DATA) {
      decision = GateDecision.HOLD;
      reason = "waiting for data: " + criteria.reason();
    } else if (quorum != null && !quorum.met()) {
      decision = GateDecision.HOLD;
      reason = "waiting for approvals: " + quorum.reason();
    } else {
      decision = GateDecision.GO;
      reason =
          "go: "
              + String.join(
                  "; ",
                  List.of(
                      window.reason(),
                      criteria == null ? "no criteria" : criteria.reason(),
                      quorum == null ? "no approvals required" : quorum.reason()));
    }
    evidence.put("decision", decision.name());
    evidence.put("reason", reason);
    return new GateResult(id, decision, reason, now, evidence);
  }

  @Override
  public String toString() {
    return "Gate[" + id + "]";
  }

  /** Builds a {@link Gate}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private Criterion criterion;
    private TimeRules timeRules;
    private ApprovalPolicy approvals;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets the exit criterion; combine several with {@link Criterion#all}.
     *
     * @param criterion the criterion
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder criterion(Criterion criterion) {
      Objects.requireNonNull(criterion, "criterion");
      if (this.criterion != null) {
        throw new IllegalStateException("gate '" + id + "': criterion is already set");
      }
      this.criterion = criterion;
      return this;
    }

    /**
     * Sets the time rules.
     *
     * @param rules the rules
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder timeRules(TimeRules rules) {
      Objects.requireNonNull(rules, "rules");
      if (this.timeRules != null) {
        throw new IllegalStateException("gate '" + id + "': time rules are already set");
      }
      this.timeRules = rules;
      return this;
    }

    /**
     * Sets the approval policy.
     *
     * @param policy the policy
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder approvals(ApprovalPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (this.approvals != null) {
        throw new IllegalStateException("gate '" + id + "': approvals are already set");
      }
      this.approvals = policy;
      return this;
    }

    /**
     * Builds the gate.
     *
     * @return the gate
     */
    public Gate build() {
      return new Gate(this);
    }
  }
}
