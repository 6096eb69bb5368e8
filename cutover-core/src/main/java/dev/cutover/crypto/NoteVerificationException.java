package dev.cutover.crypto;

import dev.cutover.CutoverException;
import java.util.List;

/**
 * A signed note did not verify: no signature by a known key, or a signature by a known key that
 * is not valid.
 */
public final class NoteVerificationException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final List<String> signers;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param signers the key names found on the note's signature lines
   */
  public NoteVerificationException(String message, List<String> signers) {
    super(message);
    this.signers = List.copyOf(signers);
  }

  /**
   * Returns the key names on the note's signature lines, known or not.
   *
   * @return the signer names, in the order of the note
   */
  public List<String> signers() {
    return signers;
  }
}
