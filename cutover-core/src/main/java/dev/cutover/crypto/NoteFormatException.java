package dev.cutover.crypto;

import dev.cutover.CutoverException;

/** Text is not a well-formed C2SP signed note (or a checkpoint body is malformed). */
public final class NoteFormatException extends CutoverException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was expected and what was found, and on which line
   */
  public NoteFormatException(String message) {
    super(message);
  }
}
