package dev.cutover.engine;

import dev.cutover.CutoverException;

/**
 * Thrown when the engine cannot go on safely: a task whose outcome cannot be determined, a log
 * that does not verify or replay, a lease it cannot take or lost. The log holds everything up to
 * the failure; running the engine again resumes from there.
 */
public class EngineException extends CutoverException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was expected, what was found, and where
   */
  public EngineException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was expected, what was found, and where
   * @param cause the failure underneath
   */
  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
