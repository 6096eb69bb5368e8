package dev.cutover.migration.validation;

import dev.cutover.CutoverException;

/** A checkpoint used as a step did not pass; carries its result. */
public final class CheckFailedException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final transient CheckResult result;

  /**
   * Creates the exception.
   *
   * @param result the failed result
   */
  public CheckFailedException(CheckResult result) {
    super("checkpoint '" + result.name() + "' failed: " + result.detail());
    this.result = result;
  }

  /** The failed result (not serialised). */
  public CheckResult result() {
    return result;
  }
}
