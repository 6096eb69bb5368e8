package dev.cutover.replay;

import dev.cutover.CutoverException;
import java.util.Objects;

/** Thrown when a replay disagrees with its record; carries the first divergence. */
public class ReplayDivergenceException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final transient Divergence divergence;

  /**
   * Creates the exception.
   *
   * @param divergence the first divergence
   */
  public ReplayDivergenceException(Divergence divergence) {
    super("replay diverged at seq " + divergence.seq() + ": " + divergence.message());
    this.divergence = Objects.requireNonNull(divergence, "divergence");
  }

  /**
   * Returns the first divergence.
   *
   * @return the divergence
   */
  public Divergence divergence() {
    return divergence;
  }

  /**
   * Returns the seq of the first divergence.
   *
   * @return the seq
   */
  public long seq() {
    return divergence.seq();
  }
}
