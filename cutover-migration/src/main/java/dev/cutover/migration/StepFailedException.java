package dev.cutover.migration;

import dev.cutover.CutoverException;
import java.util.Objects;

/**
 * A step's {@code apply} or {@code verify} failed. Where the database has transactional DDL the
 * step's effect was rolled back with its ledger row; otherwise the ledger records the step as
 * failed and its {@code isApplied} decides on the next run.
 */
public class StepFailedException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String stepId;
  private final String database;

  /**
   * Creates the exception.
   *
   * @param stepId the step
   * @param database the database, without secrets
   * @param message what failed
   * @param cause the failure underneath, or null
   */
  public StepFailedException(String stepId, String database, String message, Throwable cause) {
    super(message, cause);
    this.stepId = Objects.requireNonNull(stepId, "stepId");
    this.database = Objects.requireNonNull(database, "database");
  }

  /** The id of the step that failed. */
  public String stepId() {
    return stepId;
  }

  /** The database it failed on, without secrets. */
  public String database() {
    return database;
  }
}
