package dev.cutover.rollback;

import dev.cutover.CutoverException;

/**
 * A snapshot or restore failed; the message names the scope or snapshot and what went wrong. The
 * root of this package's exceptions; an {@link java.io.IOException} or {@link
 * java.sql.SQLException} from below is its cause.
 */
public class SnapshotException extends CutoverException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was expected, what was found, and where
   */
  public SnapshotException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was expected, what was found, and where
   * @param cause the failure underneath
   */
  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
