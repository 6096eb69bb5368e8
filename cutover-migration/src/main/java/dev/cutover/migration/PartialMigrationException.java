package dev.cutover.migration;

/**
 * A SQL step failed part-way on a database without transactional DDL: the first {@link
 * #committedStatements()} statements committed and cannot be rolled back. The ledger records the
 * step as failed with the same detail; nothing is repaired automatically.
 */
public final class PartialMigrationException extends StepFailedException {
  private static final long serialVersionUID = 1L;

  private final int committedStatements;
  private final int totalStatements;
  private final String failedStatement;

  /**
   * Creates the exception.
   *
   * @param stepId the step
   * @param database the database, without secrets
   * @param committedStatements how many statements committed before the failure
   * @param totalStatements how many statements the step has
   * @param failedStatement the statement that failed
   * @param cause the driver's failure
   */
  public PartialMigrationException(
      String stepId,
      String database,
      int committedStatements,
      int totalStatements,
      String failedStatement,
      Throwable cause) {
    super(
        stepId,
        database,
        "step '" + stepId + "' failed part-way on " + database + ": statement "
            + (committedStatements + 1) + " of " + totalStatements + " failed ("
            + cause.getMessage() + ") after " + committedStatements
            + " statement(s) committed that cannot be rolled back (non-transactional ddl);"
            + " the ledger records it as FAILED, inspect the database before re-running",
        cause);
    this.committedStatements = committedStatements;
    this.totalStatements = totalStatements;
    this.failedStatement = failedStatement;
  }

  /** How many statements committed before the failure. */
  public int committedStatements() {
    return committedStatements;
  }

  /** How many statements the step has. */
  public int totalStatements() {
    return totalStatements;
  }

  /** The statement that failed. */
  public String failedStatement() {
    return failedStatement;
  }
}
