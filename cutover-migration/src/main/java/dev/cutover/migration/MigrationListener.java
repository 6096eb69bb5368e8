package dev.cutover.migration;

/**
 * Hears what a {@link MigrationRunner} does. Every method has an empty default, so adding an event
 * never breaks an implementor. Called on the thread that runs the migration. An exception thrown
 * from a listener aborts the run at that point (useful to simulate a crash in tests).
 */
public interface MigrationListener {
  /**
   * A step is about to be applied.
   *
   * @param stepId the step
   * @param transactional whether its effect will commit with its ledger row
   */
  default void stepStarting(String stepId, boolean transactional) {}

  /**
   * A step finished: applied, skipped or resolved.
   *
   * @param outcome what happened
   */
  default void stepFinished(StepOutcome outcome) {}

  /**
   * A step failed; the exception is thrown from the run after this call.
   *
   * @param stepId the step
   * @param failure the failure
   */
  default void stepFailed(String stepId, RuntimeException failure) {}

  /**
   * A checksum drift was accepted and recorded in the ledger; log it.
   *
   * @param acceptance the record
   */
  default void driftAccepted(DriftAcceptance acceptance) {}
}
