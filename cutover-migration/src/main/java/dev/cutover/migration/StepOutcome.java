package dev.cutover.migration;

import java.util.Map;
import java.util.Objects;

/**
 * What a run did with one step.
 *
 * @param stepId the step
 * @param status applied now, skipped (already applied), or resolved (an interrupted step whose
 *     effect was found present)
 * @param transactional whether the effect committed together with its ledger row
 * @param durationMillis time spent on the step (the runner's clock)
 * @param evidence the step's evidence (empty when skipped)
 */
public record StepOutcome(
    String stepId,
    Status status,
    boolean transactional,
    long durationMillis,
    Map<String, Object> evidence) {
  /** Checks the components. */
  public StepOutcome {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(status, "status");
    evidence = Evidence.check(evidence);
  }

  /** What the run did with a step. */
  public enum Status {
    /** Applied by this run. */
    APPLIED,
    /** Already applied with the same checksum; nothing done. */
    SKIPPED,
    /** Interrupted earlier; its {@code isApplied} found the effect present and the ledger now says so. */
    RESOLVED
  }
}
