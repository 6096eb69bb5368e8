package dev.cutover.replay;

import dev.cutover.CutoverException;

/**
 * Thrown when a log was written under a different definition fingerprint (another version of the
 * state machine, another plan) than the one asked to replay or resume it.
 */
public class DefinitionMismatchException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String logged;
  private final String current;

  /**
   * Creates the exception.
   *
   * @param logged the fingerprint the log was written under
   * @param current the fingerprint of the definition asked to replay it
   */
  public DefinitionMismatchException(String logged, String current) {
    super(
        "log was written under definition fingerprint '"
            + logged
            + "' but the definition given has fingerprint '"
            + current
            + "': refusing to replay under a different definition");
    this.logged = logged;
    this.current = current;
  }

  /**
   * Returns the fingerprint recorded in the log.
   *
   * @return the logged fingerprint
   */
  public String logged() {
    return logged;
  }

  /**
   * Returns the fingerprint of the definition that was asked to replay.
   *
   * @return the current fingerprint
   */
  public String current() {
    return current;
  }
}
