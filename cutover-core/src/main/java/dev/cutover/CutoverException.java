package dev.cutover;

/**
 * The root of every exception that Cutover throws.
 *
 * <p>Subclasses are named for the condition (for example a tampered log or a cycle in a plan) and
 * carry their context, such as a task id, a log position or a gate id, as getters. Messages say
 * what was expected, what was found, and where.
 *
 * <p>Cutover never throws a checked exception from its API: an {@link java.io.IOException} or a
 * {@link java.sql.SQLException} from below is wrapped in a subclass of this type that says which
 * operation failed on which resource.
 */
public class CutoverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names what was wrong and where.
   *
   * @param message what was expected, what was found, and where
   */
  public CutoverException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure underneath it.
   *
   * @param message what was expected, what was found, and where
   * @param cause the failure that this exception reports
   */
  public CutoverException(String message, Throwable cause) {
    super(message, cause);
  }
}
