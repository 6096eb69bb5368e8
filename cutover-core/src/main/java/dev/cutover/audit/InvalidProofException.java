package dev.cutover.audit;

import dev.cutover.CutoverException;

/** An inclusion or consistency proof does not verify; the message says which check failed. */
public final class InvalidProofException extends CutoverException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which check failed, with the sizes and indexes involved
   */
  public InvalidProofException(String message) {
    super(message);
  }
}
