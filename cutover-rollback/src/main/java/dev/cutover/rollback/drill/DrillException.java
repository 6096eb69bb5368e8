package dev.cutover.rollback.drill;

import dev.cutover.CutoverException;
import java.util.Objects;

/**
 * A rollback drill could not run or could not finish: the cutover did not succeed, the engine
 * refused the rollback, or the log given is not the engine's. The message says what was expected,
 * what was found and, where the log already holds part of the drill, at which positions.
 */
public class DrillException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String target;

  /**
   * Creates the exception.
   *
   * @param target the drill's target
   * @param message what was expected, what was found, and where
   */
  public DrillException(String target, String message) {
    super(message);
    this.target = Objects.requireNonNull(target, "target");
  }

  /**
   * The target the drill was to run on.
   *
   * @return the target's name
   */
  public String target() {
    return target;
  }
}
