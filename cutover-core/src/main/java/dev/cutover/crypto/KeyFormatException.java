package dev.cutover.crypto;

import dev.cutover.CutoverException;

/** A key, a PEM file or a verifier-key string is malformed or of the wrong kind. */
public final class KeyFormatException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String source;

  /**
   * Creates the exception.
   *
   * @param source where the key came from (a file name, or a description such as "verifier key")
   * @param message what was expected and what was found
   */
  public KeyFormatException(String source, String message) {
    super(message);
    this.source = source;
  }

  /**
   * Creates the exception with its cause.
   *
   * @param source where the key came from
   * @param message what was expected and what was found
   * @param cause the failure underneath
   */
  public KeyFormatException(String source, String message, Throwable cause) {
    super(message, cause);
    this.source = source;
  }

  /**
   * Returns where the key came from.
   *
   * @return a file name or a description of the source
   */
  public String source() {
    return source;
  }
}
